package app.pompier.store;

import app.pompier.slack.ChannelPace;
import app.pompier.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas (two pools on one PostgreSQL database) posting side by side: Slack counts a channel's posts for the
 * workspace, so the pace they keep is one between them, reserved in the database.
 */
class DatabaseChannelPaceTest {
    /** A pace far above Slack's, so that twenty posts take under half a second. */
    static final double PER_SECOND = 50;
    static final Duration INTERVAL = Duration.ofMillis(20);
    static final int POSTS = 20;

    final StoreLocation.Postgres location = PostgresServer.shared().newDatabase();
    final Database first = Database.open(location, null);
    final Database second = Database.open(location, null);
    final DatabaseChannelPace a = new DatabaseChannelPace(first);
    final DatabaseChannelPace b = new DatabaseChannelPace(second);
    final ExecutorService replicas = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        replicas.shutdownNow();
        first.close();
        second.close();
    }

    @Test
    void two_replicas_reserving_in_one_channel_at_once_never_get_two_slots_closer_than_the_interval()
            throws Exception {
        List<DatabaseChannelPace.Slot> slots = bothAtOnce(pace -> pace.slot("C0SUPPORT", INTERVAL, ChannelPace.BURST));

        assertEquals(POSTS, slots.size());
        slots.sort((x, y) -> Long.compare(x.at(), y.at()));
        for (int i = 1; i < slots.size(); i++) {
            assertTrue(slots.get(i).at() - slots.get(i - 1).at() >= INTERVAL.toMillis(),
                    "slots " + (i - 1) + " and " + i + " closer than the interval: " + slots);
        }
    }

    @Test
    void posts_of_two_replicas_in_one_channel_wait_for_their_slots_and_keep_one_pace_between_them() throws Exception {
        ChannelPace paceA = ChannelPace.shared(a::reserve, PER_SECOND, ChannelPace.BURST);
        ChannelPace paceB = ChannelPace.shared(b::reserve, PER_SECOND, ChannelPace.BURST);
        long start = System.nanoTime();
        List<Long> posted = bothAtOnce(pace -> {
            (pace == a ? paceA : paceB).await("C0SUPPORT");
            return System.nanoTime();
        });

        // No post leaves before its slot, and the last slot is one interval per post after the burst: a bound a
        // thread woken late cannot break. Each replica keeping its own pace would be done in half of it.
        long took = Collections.max(posted) - start;
        long slots = (POSTS - ChannelPace.BURST) * INTERVAL.toNanos();
        // The database's clock is read in whole milliseconds.
        long reading = TimeUnit.MILLISECONDS.toNanos(2);
        assertTrue(took >= slots - reading, "twenty posts in " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        assertTrue(took < slots + TimeUnit.SECONDS.toNanos(5), "waited no slot twice: "
                + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
    }

    @Test
    void a_channel_behind_its_pace_keeps_no_other_channel_waiting_on_either_replica() throws Exception {
        Duration oneSecond = Duration.ofSeconds(1);
        for (int i = 0; i < 5; i++) {
            a.reserve("C0BUSY", oneSecond, ChannelPace.BURST);
        }

        assertEquals(Duration.ZERO, b.reserve("C0QUIET", oneSecond, ChannelPace.BURST));
        assertEquals(Duration.ZERO, a.reserve("C0QUIET", oneSecond, ChannelPace.BURST));
        Duration third = b.reserve("C0QUIET", oneSecond, ChannelPace.BURST);
        assertTrue(third.compareTo(Duration.ofMillis(500)) > 0 && third.compareTo(oneSecond) <= 0, "a burst of two,"
                + " then one a second: " + third);
        Duration busy = b.reserve("C0BUSY", oneSecond, ChannelPace.BURST);
        assertTrue(busy.compareTo(Duration.ofMillis(3_500)) > 0, "the busy channel's sixth post waits its turn behind"
                + " the other replica's five: " + busy);
        try (var connection = first.coordination().getConnection()) {
            assertEquals(60_000, connection.getNetworkTimeout(),
                    "the coordination's own bound on an answer, back after a reservation");
        }
    }

    @Test
    void a_replica_cut_from_the_database_is_told_at_once_and_posts_at_its_own_pace_meanwhile() throws Exception {
        second.close();
        assertThrows(RuntimeException.class, () -> b.reserve("C0SUPPORT", INTERVAL, ChannelPace.BURST));

        ChannelPace pace = ChannelPace.shared(b::reserve, PER_SECOND, ChannelPace.BURST);
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            pace.await("C0SUPPORT");
        }
        long took = System.nanoTime() - start;
        assertTrue(took >= 2 * INTERVAL.toNanos() && took < TimeUnit.SECONDS.toNanos(5),
                "four posts at this replica's own pace in " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
        int reserved = first.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM channel_pace")
                .mapTo(Integer.class).one());
        assertEquals(0, reserved, "nothing reserved in the database");
    }

    interface Reserving<T> {
        T reserve(DatabaseChannelPace pace) throws Exception;
    }

    /** Each replica reserves {@link #POSTS} / 2 times, one after the other, both starting together. */
    <T> List<T> bothAtOnce(Reserving<T> reserving) throws Exception {
        CountDownLatch start = new CountDownLatch(2);
        List<Future<List<T>>> runs = new ArrayList<>();
        for (DatabaseChannelPace pace : List.of(a, b)) {
            runs.add(replicas.submit((Callable<List<T>>) () -> {
                start.countDown();
                start.await();
                List<T> got = new ArrayList<>();
                for (int i = 0; i < POSTS / 2; i++) {
                    got.add(reserving.reserve(pace));
                }
                return got;
            }));
        }
        List<T> all = new ArrayList<>();
        for (Future<List<T>> run : runs) {
            all.addAll(run.get(30, TimeUnit.SECONDS));
        }
        return all;
    }
}
