package app.pompier.store;

import app.pompier.testing.PostgresServer;
import app.pompier.ticket.Turns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two replicas (two pools on one PostgreSQL database) taking turns. */
class DatabaseTurnsTest {
    final StoreLocation.Postgres location = PostgresServer.shared().newDatabase();
    final Database first = Database.open(location, null);
    final Database second = Database.open(location, null);

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void work_in_a_turn_keeps_the_other_replica_out_until_it_ends_and_may_call_itself() throws Exception {
        Turns a = DatabaseTurns.of(first);
        Turns b = DatabaseTurns.of(second);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> a.inTurn("opening crisis cells", () -> {
            inside.countDown();
            await(release);
            // Work done in a turn may need the same turn again (a reminder recomputes its ticket).
            return a.inTurn("opening crisis cells", () -> "nested");
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        assertFalse(b.ifFree("opening crisis cells", () -> ran.set(true)), "the other replica's turn is taken");
        assertFalse(ran.get());
        assertTrue(b.ifFree("grouping reports", () -> ran.set(true)), "another kind of work is free");
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> b.inTurn("opening crisis cells",
                () -> "after"));
        assertFalse(waiter.isDone());
        release.countDown();
        assertEquals("nested", holder.get(10, TimeUnit.SECONDS));
        assertEquals("after", waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_replica_that_dies_in_its_turn_hands_it_over_with_its_connection() throws Exception {
        Turns a = DatabaseTurns.of(first);
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> a.ifFree("opening crisis cells", () -> {
            inside.countDown();
            await(new CountDownLatch(1));
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        AtomicBoolean ran = new AtomicBoolean();
        Turns b = DatabaseTurns.of(second);
        assertFalse(b.ifFree("opening crisis cells", () -> ran.set(true)));
        // Its connections gone, as with a killed process: the server ends the session and its locks.
        first.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ran.get() && System.nanoTime() < deadline) {
            b.ifFree("opening crisis cells", () -> ran.set(true));
            Thread.sleep(50);
        }
        assertTrue(ran.get(), "the turn was handed over");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
