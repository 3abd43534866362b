package app.pompier;

import app.pompier.store.Database;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.PompierProcess;
import app.pompier.testing.SeededReminders;
import app.pompier.testing.SignedRequests;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pompier as its own JVM, killed hard in the middle of work and started again on the same file. */
class CrashTest {
    static final int EVENTS = 300;

    @TempDir
    Path folder;
    final FakeSlack slack = FakeSlack.start().channel("C0SUPPORT", "support-crm");
    PompierProcess process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.close();
        }
        slack.close();
    }

    PompierProcess startPompier() throws IOException {
        return PompierProcess.start(folder, "pompier", slack, folder.resolve("pompier.db").toString(), Map.of());
    }

    static String event(int n) {
        return callback("EvCrash" + n, message("C0SUPPORT", "UREPORTER", ts(n), "panne " + n));
    }

    static String ts(int n) {
        return "1800000000." + String.format("%06d", n);
    }

    @Test
    void a_hard_kill_mid_burst_loses_no_acked_event_and_doubles_none() throws Exception {
        Files.writeString(folder.resolve("pompier.yaml"), "channels: { watch: [C0SUPPORT] }\n");
        PompierProcess first = startPompier().awaitReady();
        process = first;

        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int n = 1; n <= EVENTS; n++) {
            int number = n;
            senders.execute(() -> {
                try {
                    if (sent.incrementAndGet() == EVENTS / 2) {
                        first.kill();
                    }
                    if (first.requests().event(event(number)).statusCode() == 200) {
                        acked.add(number);
                    }
                } catch (RuntimeException refusedOrReset) {
                    // not acked: Slack would deliver it again
                }
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(process.awaitEnd(10));
        assertTrue(acked.size() > 0 && acked.size() < EVENTS, "the kill came mid-burst: " + acked.size() + " acked");

        process = startPompier().awaitReady();
        SignedRequests requests = process.requests();
        // Slack redelivers what was not acked, and may redeliver some of what was.
        List<Integer> again = new ArrayList<>();
        for (int n = 1; n <= EVENTS; n++) {
            if (!acked.contains(n) || n % 10 == 0) {
                again.add(n);
            }
        }
        for (int n : again) {
            assertEquals(200, requests.retriedEvent(event(n), 1).statusCode());
        }

        assertOneTicketAndOneCardEach(Jdbi.create("jdbc:sqlite:" + folder.resolve("pompier.db")), slack, acked,
                Duration.ofSeconds(30));
    }

    /**
     * After a burst cut by a kill and Slack's redeliveries: every acked event has exactly one ticket, the numbers are
     * not reused, and every ticket's card, those cut by the kill included, is in its thread exactly once within
     * {@code within}.
     */
    static void assertOneTicketAndOneCardEach(Jdbi db, FakeSlack slack, Set<Integer> acked, Duration within)
            throws InterruptedException {
        assertOneTicketAndOneCardEach(db, slack, acked, EVENTS, within);
    }

    /** The same for a burst of {@code events} events, every one of which was acked in the end. */
    static void assertOneTicketAndOneCardEach(Jdbi db, FakeSlack slack, Set<Integer> acked, int events,
                                              Duration within) throws InterruptedException {
        for (int n : acked) {
            assertEquals(1, count(db, "SELECT COUNT(*) FROM ticket WHERE message_ts = '" + ts(n) + "'"),
                    "acked event " + n + " has exactly one ticket");
        }
        assertEquals(events, count(db, "SELECT COUNT(*) FROM ticket"));
        assertEquals(events, count(db, "SELECT COUNT(DISTINCT number) FROM ticket"), "numbers are not reused");
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline && count(db, "SELECT COUNT(*) FROM ticket WHERE card_ts IS NULL") > 0) {
            Thread.sleep(100);
        }
        System.out.printf("every card posted %d ms after the redeliveries%n", (System.nanoTime() - start) / 1_000_000);
        assertEquals(0, count(db, "SELECT COUNT(*) FROM ticket WHERE card_ts IS NULL"),
                "every ticket's card is posted, those cut by the kill included");
        for (int n = 1; n <= events; n++) {
            long cards = slack.thread("C0SUPPORT", ts(n)).stream()
                    .filter(m -> "pompier_ticket_card".equals(m.path("metadata").path("event_type").asText()))
                    .count();
            assertEquals(1, cards, "the thread of message " + n + " holds its card exactly once");
        }
    }

    @Test
    void a_hard_kill_while_reminders_fire_posts_every_due_reminder_exactly_once() throws Exception {
        int tickets = 120;
        int killAt = 40;
        Files.writeString(folder.resolve("pompier.yaml"), "calendar: { always_open: true }\n");
        Database database = Database.open(folder.resolve("pompier.db"));
        SeededReminders.seed(database, "C0SUPPORT", tickets, tickets, Duration.ofSeconds(2),
                Instant.now().plusSeconds(1), new HashMap<>());
        database.close();

        Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        slack.onCall(call -> {
            if (call.method().equals("chat.postMessage") && call.param("metadata") != null
                    && call.json("metadata").path("event_type").asText().equals("pompier_sla_reminder")) {
                posts.computeIfAbsent(call.json("metadata").path("event_payload").path("ticket").asText(),
                        k -> new AtomicInteger()).incrementAndGet();
                if (seen.incrementAndGet() == killAt) {
                    // Slack has this reminder; the process dies before it hears back.
                    process.kill();
                }
                sleepQuietly(20);
            }
        }, true);
        process = startPompier();
        assertTrue(process.awaitEnd(60), "killed mid-firing: " + process.output());
        Jdbi db = Jdbi.create("jdbc:sqlite:" + folder.resolve("pompier.db"));
        assertTrue(posts.size() >= killAt && posts.size() < tickets, "the kill came mid-firing: " + posts.size());
        assertTrue(count(db, "SELECT COUNT(*) FROM sla_reminder WHERE status = 'posting'") > 0,
                "some reminders were cut between their claim and their record");

        process = startPompier().awaitReady();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && posts.size() < tickets) {
            Thread.sleep(100);
        }
        slack.quietFor(Duration.ofSeconds(1));
        for (int n = 1; n <= tickets; n++) {
            AtomicInteger posted = posts.get(String.valueOf(n));
            assertEquals(1, posted == null ? 0 : posted.get(), "reminder of INC-" + n + " posted exactly once");
        }
        deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && count(db, "SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'") < tickets) {
            Thread.sleep(100);
        }
        assertEquals(tickets, count(db, "SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'"),
                "every reminder is recorded as posted, with its message");
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int count(Jdbi db, String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

}
