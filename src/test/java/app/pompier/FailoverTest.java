package app.pompier;

import app.pompier.store.Database;
import app.pompier.store.StoreLocation;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.PompierProcess;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.SeededReminders;
import app.pompier.testing.TestStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.function.BooleanSupplier;

import static app.pompier.CrashTest.event;
import static app.pompier.CrashTest.sleepQuietly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Pompier JVMs on one PostgreSQL, behind a balancer that spreads Slack's requests over both, one of them killed
 * hard in the middle of work: the survivor finishes what the dead one held, and nothing is lost or done twice.
 */
class FailoverTest {
    static final int EVENTS = CrashTest.EVENTS;
    /**
     * A dead replica is known after 20 s of silence; its claims are then anyone's, a sweep runs every 5 s, and a
     * reminder it held is looked at again every 10 s: well within this, on two cores shared by two JVMs.
     */
    static final Duration TAKEOVER = Duration.ofSeconds(90);

    @TempDir
    Path folder;
    final FakeSlack slack = FakeSlack.start().channel("C0SUPPORT", "support-crm");
    StoreLocation.Postgres store;
    Jdbi db;
    final List<PompierProcess> replicas = new ArrayList<>();

    @BeforeEach
    void database() {
        store = PostgresServer.shared().newDatabase();
        db = TestStore.jdbi(store);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (PompierProcess replica : replicas) {
            replica.close();
        }
        slack.close();
    }

    PompierProcess replica(String name) throws Exception {
        PompierProcess replica = PompierProcess.start(folder, name, slack, PostgresServer.asEnv(store),
                Map.of("POMPIER_INSTANCE", name));
        replicas.add(replica);
        return replica;
    }

    @Test
    void a_replica_killed_mid_burst_loses_no_acked_event_and_the_survivor_posts_every_card_once() throws Exception {
        Files.writeString(folder.resolve("pompier.yaml"), "channels: { watch: [C0SUPPORT] }\n");
        // Both start at once on an empty database: Flyway's lock lets one migrate while the other waits.
        PompierProcess a = replica("pompier-a");
        PompierProcess b = replica("pompier-b");
        a.awaitReady();
        b.awaitReady();

        Set<Integer> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int n = 1; n <= EVENTS; n++) {
            int number = n;
            senders.execute(() -> {
                if (sent.incrementAndGet() == EVENTS / 2) {
                    a.kill();
                }
                PompierProcess first = number % 2 == 0 ? a : b;
                PompierProcess other = first == a ? b : a;
                if (sentTo(first, event(number), 0)) {
                    acked.add(number);
                }
                // Slack retries one event in five, and the balancer sends the retry to the other replica.
                if (number % 5 == 0 && sentTo(other, event(number), 1)) {
                    acked.add(number);
                }
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(a.awaitEnd(10), "the replica was killed");
        assertTrue(acked.size() < EVENTS, "the kill came mid-burst: " + acked.size() + " acked");

        // Slack delivers again what was not acked, and some of what was; the balancer sends it to the survivor.
        for (int n = 1; n <= EVENTS; n++) {
            if (!acked.contains(n) || n % 10 == 0) {
                assertEquals(200, b.requests().retriedEvent(event(n), 2).statusCode(), b.output());
            }
        }
        // The dead replica's claims included: the survivor takes them over once its silence is noticed.
        CrashTest.assertOneTicketAndOneCardEach(db, slack, acked, TAKEOVER);
    }

    @Test
    void a_replica_killed_while_reminders_fire_and_cells_open_leaves_each_posted_once_and_each_p1_one_cell()
            throws Exception {
        int tickets = 60;
        int killAt = 20;
        Files.writeString(folder.resolve("pompier.yaml"), "calendar: { always_open: true }\n");
        // Confirmed P1s, each with a reminder due within 3 s of both replicas being up; each also gets a cell.
        Database database = Database.open(store, null);
        SeededReminders.seed(database, "C0SUPPORT", tickets, tickets, Duration.ofSeconds(3),
                Instant.now().plusSeconds(8), new HashMap<>());
        database.close();

        Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        AtomicInteger seen = new AtomicInteger();
        List<PompierProcess> killed = new ArrayList<>();
        slack.onCall(call -> {
            if (call.method().equals("chat.postMessage") && call.param("metadata") != null
                    && call.json("metadata").path("event_type").asText().equals("pompier_sla_reminder")) {
                posts.computeIfAbsent(call.json("metadata").path("event_payload").path("ticket").asText(),
                        k -> new AtomicInteger()).incrementAndGet();
                if (seen.incrementAndGet() == killAt) {
                    // Slack has this reminder, maybe from the replica that dies before it hears back.
                    killed.get(0).kill();
                }
                sleepQuietly(20);
            }
        }, true);
        PompierProcess a = replica("pompier-a");
        killed.add(a);
        PompierProcess b = replica("pompier-b");
        a.awaitReady();
        b.awaitReady();

        awaitTrue(() -> posts.size() >= killAt && !a.isAlive(), Duration.ofSeconds(60));
        Instant kill = Instant.now();
        awaitTrue(() -> posts.size() == tickets
                && count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'") == tickets, TAKEOVER);
        System.out.printf("failover: every reminder posted and every cell open %d ms after the kill%n",
                Duration.between(kill, Instant.now()).toMillis());
        slack.quietFor(Duration.ofSeconds(1));
        for (int n = 1; n <= tickets; n++) {
            AtomicInteger posted = posts.get(String.valueOf(n));
            assertEquals(1, posted == null ? 0 : posted.get(), "reminder of INC-" + n + " posted exactly once");
        }
        assertEquals(tickets, count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'"),
                "every confirmed P1 has its cell open: " + b.output());
        assertEquals(tickets, count("SELECT COUNT(DISTINCT ticket_id) FROM crisis_cell"));
        assertEquals(tickets, slack.createdChannels().size(), "one channel per P1, never two: "
                + slack.createdChannels());
        awaitTrue(() -> count("SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'") == tickets,
                Duration.ofSeconds(10));
        assertEquals(tickets, count("SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'"),
                "every reminder is recorded as posted");
    }

    /** Sends one delivery of an event; whether it was acked (a dead replica refuses or resets the connection). */
    private static boolean sentTo(PompierProcess replica, String event, int retry) {
        try {
            return (retry == 0 ? replica.requests().event(event) : replica.requests().retriedEvent(event, retry))
                    .statusCode() == 200;
        } catch (RuntimeException refusedOrReset) {
            return false;
        }
    }

    private long count(String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && !condition.getAsBoolean()) {
            Thread.sleep(100);
        }
    }

}
