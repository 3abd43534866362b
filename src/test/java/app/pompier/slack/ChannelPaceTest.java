package app.pompier.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelPaceTest {
    static final long SECOND = 1_000_000_000L;

    final Logger logger = (Logger) LoggerFactory.getLogger(ChannelPace.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    {
        logged.start();
        logger.addAppender(logged);
        // Whatever POMPIER_LOG_LEVEL says for the run.
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    @Test
    void a_channel_gets_its_burst_at_once_then_one_post_a_second_and_other_channels_do_not_wait() {
        ChannelPace pace = ChannelPace.inMemory(1.0, 3);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, pace.reserve("C1", t));
        }
        assertEquals(SECOND, pace.reserve("C1", t), 1_000);
        assertEquals(2 * SECOND, pace.reserve("C1", t), 1_000);
        assertEquals(0, pace.reserve("C2", t));
        // Ten seconds later the bucket is full again, and no fuller than its burst.
        long later = t + 10 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertEquals(0, pace.reserve("C1", later));
        }
        assertTrue(pace.reserve("C1", later) > 0);
    }

    @Test
    void a_channel_that_posted_at_its_pace_has_its_burst_back_only_as_its_tokens_come_back() {
        ChannelPace pace = ChannelPace.inMemory(2.0, ChannelPace.BURST);
        long t = 1_000 * SECOND;
        assertEquals(0, pace.reserve("C1", t));
        assertEquals(0, pace.reserve("C1", t));
        assertEquals(SECOND / 2, pace.reserve("C1", t), 1_000);
        // Half a second after the third slot: one token back, not two.
        long later = t + SECOND;
        assertEquals(0, pace.reserve("C1", later));
        assertEquals(SECOND / 2, pace.reserve("C1", later), 1_000);
    }

    @Test
    void replicas_side_by_side_wait_what_the_shared_slots_say_with_the_pace_and_burst_of_one_alone() {
        List<String> asked = new ArrayList<>();
        ChannelPace pace = ChannelPace.shared((channel, interval, burst) -> {
            asked.add(channel + " " + interval.toMillis() + " ms " + burst);
            return channel.equals("C1") ? Duration.ofMillis(750) : Duration.ofMillis(-20);
        }, 4.0, ChannelPace.BURST);
        long t = 1_000 * SECOND;

        assertEquals(750_000_000L, pace.reserve("C1", t));
        assertEquals(0, pace.reserve("C2", t), "a slot already past is no wait");
        // This replica's own bucket is not spent by the shared slots: it is whole when it stands in for them.
        assertEquals(List.of("C1 250 ms 2", "C2 250 ms 2"), asked);
        assertTrue(logged.list.isEmpty(), logged.list.toString());
    }

    @Test
    void shared_slots_out_of_reach_leave_each_post_its_turn_here_warn_once_and_are_asked_again_later() {
        List<Long> asked = new ArrayList<>();
        boolean[] reachable = {false};
        ChannelPace pace = ChannelPace.shared((channel, interval, burst) -> {
            asked.add(System.nanoTime());
            if (!reachable[0]) {
                throw new IllegalStateException("connection refused");
            }
            return Duration.ofMillis(300);
        }, 1.0, ChannelPace.BURST);
        long t = 1_000 * SECOND;

        // The database fails once: the post, and those after it, take their turn in this replica's bucket.
        assertEquals(0, pace.reserve("C1", t));
        assertEquals(0, pace.reserve("C1", t));
        assertEquals(SECOND, pace.reserve("C1", t), 1_000);
        assertEquals(1, asked.size(), "the database is not asked again at once");
        // Asked again after a while, it still fails: still one warning for the whole time it is out of reach.
        long later = t + ChannelPace.ALONE_AFTER_FAILURE.toNanos() + SECOND;
        assertEquals(0, pace.reserve("C1", later));
        assertEquals(2, asked.size());
        assertEquals(List.of(Level.WARN), levels());

        reachable[0] = true;
        long back = later + ChannelPace.ALONE_AFTER_FAILURE.toNanos() + SECOND;
        assertEquals(300_000_000L, pace.reserve("C1", back));
        assertEquals(300_000_000L, pace.reserve("C1", back));
        assertEquals(4, asked.size());
        assertEquals(List.of(Level.WARN, Level.INFO), levels(), "said once when the pace is the cluster's again");
    }

    List<Level> levels() {
        return logged.list.stream().map(ILoggingEvent::getLevel).toList();
    }
}
