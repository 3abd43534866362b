package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.TestStore;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Registration;
import app.pompier.ticket.SourceMessage;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One replica takes events in while another froze in the middle of writing its own (a paused VM, a long GC): its
 * session stays open, idle in a transaction that holds the rows of the events it was recording. Nothing of that may
 * hold this replica's intake up beyond a fraction of Slack's 3 s.
 */
class IntakeBesideAFrozenReplicaTest {
    final StoreLocation.Postgres location = PostgresServer.shared().newDatabase();
    final Database database = Database.open(location, null);
    final TicketsDatabaseRepository tickets = new TicketsDatabaseRepository(database, "replica-a");
    final Handle frozen = TestStore.jdbi(location).open();
    final Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @AfterEach
    void close() {
        frozen.close();
        tickets.close();
        database.close();
    }

    static IntakeRequest event(String ts, String delivery) {
        return new IntakeRequest(new SourceMessage("TA", "C1", ts, null), "U1", "login KO", OpenedVia.WATCHED_CHANNEL,
                "U1", delivery);
    }

    @Test
    void every_other_event_is_recorded_at_once_and_the_one_the_frozen_replica_holds_is_retried_then_recorded()
            throws Exception {
        // The other replica, as Pompier's sessions are, took its numbers, then froze mid-write of two events: EvHeld,
        // with the locks this version takes for each event, and EvOld, as a replica of the version before (a rolling
        // upgrade) writes it, rows only.
        frozen.execute("SET idle_in_transaction_session_timeout = " + 5_000);
        long number = frozen.createQuery("""
                INSERT INTO ticket_sequence (workspace, last_number) VALUES ('TA', 2)
                ON CONFLICT (workspace) DO UPDATE SET last_number = ticket_sequence.last_number + 2
                RETURNING last_number""").mapTo(Long.class).one();
        frozen.begin();
        frozen.createQuery("SELECT pg_try_advisory_xact_lock(:k)")
                .bind("k", TicketsDatabaseRepository.lockKey("delivery:EvHeld")).mapTo(Boolean.class).one();
        frozen.createQuery("SELECT pg_try_advisory_xact_lock(:k)")
                .bind("k", TicketsDatabaseRepository.lockKey("message:TA/C1/9.9")).mapTo(Boolean.class).one();
        for (String[] held : new String[][]{{"EvHeld", "9.9"}, {"EvOld", "9.8"}}) {
            long n = held[0].equals("EvHeld") ? number : number - 1;
            frozen.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", held[0]);
            frozen.execute("INSERT INTO ticket (workspace, number, reference, channel, message_ts, opened_via,"
                    + " opened_by, created_at, state) VALUES ('TA', ?, ?, 'C1', ?, 'channel', 'U1', 0, 'new')", n,
                    "INC-" + n, held[1]);
        }

        ExecutorService slack = Executors.newFixedThreadPool(16);
        List<Callable<Long>> deliveries = new ArrayList<>();
        for (int n = 1; n <= 100; n++) {
            String ts = "1." + n;
            String delivery = "Ev" + n;
            deliveries.add(() -> {
                long start = System.nanoTime();
                assertInstanceOf(Registration.Opened.class, tickets.register(event(ts, delivery), "INC", now));
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
        }
        // Slack's retries of the events the frozen replica holds come in the middle of the others.
        List<Future<Long>> held = new ArrayList<>();
        for (String[] retried : new String[][]{{"EvHeld", "9.9"}, {"EvOld", "9.8"}}) {
            held.add(slack.submit(() -> {
                long start = System.nanoTime();
                assertThrows(StoreUnavailableException.class,
                        () -> tickets.register(event(retried[1], retried[0]), "INC", now));
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }));
        }
        long slowest = 0;
        for (Future<Long> f : slack.invokeAll(deliveries)) {
            slowest = Math.max(slowest, f.get());
        }
        long heldAnswer = Math.max(held.get(0).get(10, TimeUnit.SECONDS), held.get(1).get(10, TimeUnit.SECONDS));
        slack.shutdown();
        assertTrue(slowest < 1_500, "the other events were recorded at once: the slowest took " + slowest + " ms");
        assertTrue(heldAnswer < 1_500, "the held ones were told to retry at once: " + heldAnswer + " ms");

        // The server ends the frozen session within seconds, undoing its write: Slack's next retry is recorded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (String[] retried : new String[][]{{"EvHeld", "9.9"}, {"EvOld", "9.8"}}) {
            Registration again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = tickets.register(event(retried[1], retried[0]), "INC", now);
                } catch (StoreUnavailableException stillHeld) {
                    Thread.sleep(200);
                }
            }
            assertInstanceOf(Registration.Opened.class, again, retried[0] + " recorded once the session was ended");
        }
        assertThrows(Exception.class, frozen::commit, "the frozen replica's write is gone with its session");
        int recorded = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ticket")
                .mapTo(Integer.class).one());
        assertEquals(102, recorded, "every event is one ticket");
    }
}
