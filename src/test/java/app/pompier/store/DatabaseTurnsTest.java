package app.pompier.store;

import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.Standing;
import app.pompier.ticket.Turn;
import app.pompier.ticket.Turns;
import app.pompier.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas (two pools on one PostgreSQL database) taking turns, one of them frozen in its turn: a thread that
 * stops in the middle of its work holds its connection open and idle, as a paused process does.
 */
class DatabaseTurnsTest {
    final StoreLocation.Postgres location = PostgresServer.shared().newDatabase();
    final Database first = Database.open(location, null);
    final Database second = Database.open(location, null);
    final Claims claimsA = alive();
    final Claims claimsB = alive();
    final Turns a = DatabaseTurns.of(first, "replica-a", claimsA);
    final Turns b = DatabaseTurns.of(second, "replica-b", claimsB);
    final CountDownLatch wakeUp = new CountDownLatch(1);

    /** A replica that beats: its claims hold while it does. */
    static Claims alive() {
        Standing standing = Standing.beating(Duration.ofMinutes(5));
        standing.beaten(System.nanoTime(), null);
        return new Claims(standing);
    }

    @AfterEach
    void close() throws Exception {
        wakeUp.countDown();
        ((AutoCloseable) a).close();
        ((AutoCloseable) b).close();
        first.close();
        second.close();
    }

    @Test
    void a_turn_waited_for_keeps_the_other_replica_out_until_its_work_commits_and_may_be_taken_again_inside()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> a.inTurn("grouping reports", turn -> {
            inside.countDown();
            await(release);
            // Work done in a turn may need the same turn again (a reminder recomputes its ticket).
            return a.inTurn("grouping reports", again -> "nested");
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> b.inTurn("grouping reports",
                turn -> "after"));
        assertEquals("other", b.inTurn("sla clocks 1", turn -> "other"), "another kind of work is free");
        Thread.sleep(200);
        assertFalse(waiter.isDone(), "the other replica waits for the turn");
        release.countDown();
        assertEquals("nested", holder.get(10, TimeUnit.SECONDS));
        assertEquals("after", waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_replica_frozen_in_a_turn_it_waits_for_loses_it_within_seconds_and_what_it_wrote_is_undone()
            throws Exception {
        first.jdbi().useHandle(h -> h.execute("CREATE TABLE decision (report INT)"));
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> frozen = CompletableFuture.runAsync(() -> a.inTurn("grouping reports", turn -> {
            turn.record(() -> first.jdbi().useHandle(h -> h.execute("INSERT INTO decision VALUES (1)")));
            inside.countDown();
            // Frozen: its connection stays open and idle in its transaction.
            await(wakeUp);
            return null;
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        String got = b.inTurn("grouping reports", turn -> {
            turn.record(() -> second.jdbi().useHandle(h -> h.execute("INSERT INTO decision VALUES (2)")));
            return "taken over";
        });
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("taken over", got);
        assertTrue(waited < 15_000, "taken over after the server ended the frozen session: " + waited + " ms");
        wakeUp.countDown();
        assertThrows(Exception.class, () -> frozen.get(10, TimeUnit.SECONDS), "the frozen holder's commit fails");
        assertEquals(java.util.List.of(2), second.jdbi().withHandle(h -> h.createQuery(
                "SELECT report FROM decision ORDER BY report").mapTo(Integer.class).list()),
                "nothing the frozen holder wrote is kept");
    }

    @Test
    void a_turn_taken_if_free_is_renewed_while_its_work_runs_and_handed_over_by_its_lease_when_renewals_stop()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<Turn> held = new AtomicReference<>();
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> a.ifFree("opening crisis cells",
                turn -> {
                    held.set(turn);
                    inside.countDown();
                    await(wakeUp);
                }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long taken = leaseUntil("opening crisis cells");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (leaseUntil("opening crisis cells") == taken && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(leaseUntil("opening crisis cells") > taken, "renewed while the work runs");
        assertFalse(b.ifFree("opening crisis cells", turn -> { }), "renewed, it is still taken");

        // Frozen: it stops renewing. The other replica has it once the lease runs out.
        ((AutoCloseable) a).close();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        AtomicBoolean handedOver = new AtomicBoolean();
        while (!handedOver.get() && System.nanoTime() < deadline) {
            b.ifFree("opening crisis cells", turn -> handedOver.set(true));
            Thread.sleep(100);
        }
        assertTrue(handedOver.get(), "handed over when the lease ran out");
        assertFalse(held.get().held(), "the old holder knows it no longer holds it");
        assertThrows(ClaimLost.class, () -> held.get().record(() -> { }), "the old holder records nothing");
        wakeUp.countDown();
        assertTrue(holder.get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_holder_whose_lease_another_replica_took_records_nothing_though_its_own_clock_says_it_still_holds()
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicReference<Turn> held = new AtomicReference<>();
        CompletableFuture<Boolean> holder = CompletableFuture.supplyAsync(() -> a.ifFree("the operations calendar",
                turn -> {
                    held.set(turn);
                    inside.countDown();
                    await(wakeUp);
                }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        // Its lease ran out by the database's clock (its clock lagging, its renewals late) and B took the turn.
        first.jdbi().useHandle(h -> h.execute("UPDATE turn SET lease_until = 0 WHERE name = 'the operations calendar'"));
        AtomicReference<Turn> taken = new AtomicReference<>();
        assertTrue(b.ifFree("the operations calendar", turn -> {
            taken.set(turn);
            turn.record(() -> second.jdbi().useHandle(h -> h.execute("CREATE TABLE announced (id INT)")));
        }));
        assertTrue(held.get().held(), "by its own reckoning, the old holder still holds it");
        assertThrows(ClaimLost.class, () -> held.get().record(() -> first.jdbi().useHandle(
                h -> h.execute("CREATE TABLE late (id INT)"))), "the token checked with the write refuses it");
        int late = first.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'late'").mapTo(Integer.class).one());
        assertEquals(0, late, "nothing of the old holder's write is kept");
        assertFalse(held.get().held(), "and it knows it now");
        wakeUp.countDown();
        assertTrue(holder.get(10, TimeUnit.SECONDS));
    }

    private long leaseUntil(String turn) {
        return first.jdbi().withHandle(h -> h.createQuery("SELECT lease_until FROM turn WHERE name = :name")
                .bind("name", turn).mapTo(Long.class).one());
    }

    @Test
    void the_chat_is_refused_to_work_whose_turn_was_lost() throws Exception {
        Claims lapsing = new Claims(Standing.beating(Duration.ofSeconds(2)));
        Turns turns = DatabaseTurns.of(first, "replica-c", lapsing);
        try {
            AtomicReference<Throwable> refused = new AtomicReference<>();
            lapsing.standing().beaten(System.nanoTime(), null);
            assertTrue(turns.ifFree("the operations calendar", turn -> {
                lapsing.check();
                // Its last heartbeat grows old: the others may count it dead soon.
                sleep(2_500);
                try {
                    // What the Slack gateway does before each call.
                    lapsing.check();
                } catch (ClaimLost e) {
                    refused.set(e);
                }
            }));
            assertTrue(refused.get() instanceof ClaimLost, "no chat call once this replica may be counted dead");
        } finally {
            ((AutoCloseable) turns).close();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
