package app.pompier.slack;

import app.pompier.ticket.ChannelLanes.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackChannelLanesTest {
    final ExecutorService workers = Executors.newFixedThreadPool(2);
    final SlackChannelLanes lanes = new SlackChannelLanes(workers, 1);
    final List<String> done = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void a_channel_runs_first_answers_before_follow_ups_one_at_a_time_and_the_same_work_once() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        lanes.submit("C1", "busy", Urgency.FIRST_ANSWER, () -> {
            started.countDown();
            await(hold);
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        lanes.submit("C1", "news:1", Urgency.FOLLOW_UP, () -> done.add("news:1"));
        lanes.submit("C1", "card:2", Urgency.FIRST_ANSWER, () -> done.add("card:2"));
        lanes.submit("C1", "card:2", Urgency.FIRST_ANSWER, () -> done.add("card:2 again"));
        lanes.submit("C1", "card:3", Urgency.FIRST_ANSWER, () -> done.add("card:3"));
        assertEquals(3, lanes.waiting("C1"));
        hold.countDown();
        awaitDone(3);
        assertEquals(List.of("card:2", "card:3", "news:1"), done);
    }

    @Test
    void a_busy_channel_does_not_hold_up_another() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            lanes.submit("C1", "c1:" + i, Urgency.FIRST_ANSWER, () -> await(hold));
        }
        lanes.submit("C2", "c2", Urgency.FIRST_ANSWER, () -> done.add("c2"));
        awaitDone(1);
        assertEquals(List.of("c2"), done);
        hold.countDown();
    }

    @Test
    void a_channel_runs_a_few_items_at_once_never_more() throws Exception {
        SlackChannelLanes wide = new SlackChannelLanes(workers, 2);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 6; i++) {
            int n = i;
            wide.submit("C1", "w" + i, Urgency.FIRST_ANSWER, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(20);
                running.decrementAndGet();
                done.add("w" + n);
            });
        }
        awaitDone(6);
        assertEquals(2, most.get());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void an_error_in_one_item_does_not_cost_the_channel_its_lane() throws Exception {
        for (int i = 0; i < 3; i++) {
            lanes.submit("C1", "boom:" + i, Urgency.FIRST_ANSWER, () -> {
                throw new AssertionError("an Error, not an exception");
            });
        }
        lanes.submit("C1", "after", Urgency.FIRST_ANSWER, () -> done.add("after"));
        awaitDone(1);
        assertEquals(List.of("after"), done);
        lanes.submit("C1", "later", Urgency.FIRST_ANSWER, () -> done.add("later"));
        awaitDone(2);
    }

    @Test
    void nothing_is_taken_once_shut_down() {
        workers.shutdown();
        assertFalse(lanes.submit("C1", "late", Urgency.FIRST_ANSWER, () -> done.add("late")));
        assertTrue(lanes.isShutdown());
    }

    void awaitDone(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (done.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, done.size(), done.toString());
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
