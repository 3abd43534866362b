package app.pompier.slack;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelPaceTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void a_channel_gets_its_burst_at_once_then_one_post_a_second_and_other_channels_do_not_wait() {
        ChannelPace pace = new ChannelPace(1.0, 3);
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
}
