package app.pompier.bench;

import app.pompier.Config;
import app.pompier.Pompier;
import app.pompier.store.Database;
import app.pompier.store.StoreLocation;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.TestStore;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.SeededReminders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SLA reminders at scale: {@code tickets} open P1 tickets, each with its 50 % take-in reminder scheduled,
 * {@code due} of them falling due over the first {@code window} seconds and the rest spread over the next
 * hours. Pompier runs for real (SQLite file, db-scheduler, fake Slack over HTTP, system clock); lateness is
 * from a reminder's due time to the fake Slack receiving its post. The poll cost is db-scheduler's own
 * due-query timed with 1,000 and with all rows scheduled.
 */
final class ReminderBench {
    private static final Pattern TICKET = Pattern.compile("INC-(\\d+) · P1 · take-in due");

    public static void main(String[] args) throws Exception {
        int tickets = Integer.getInteger("bench.tickets", 100_000);
        int due = Integer.getInteger("bench.due", 3_000);
        int window = Integer.getInteger("bench.window", 120);
        Path folder = Files.createTempDirectory("pompier-bench");
        Path db = folder.resolve("bench.db");
        boolean postgres = System.getProperty("bench.store", "sqlite").equalsIgnoreCase("postgresql");
        StoreLocation store = postgres ? PostgresServer.shared().newDatabase() : new StoreLocation.SqliteFile(db);
        System.out.printf("reminder bench: %,d open tickets, %,d reminders due over %d s, store %s%n", tickets, due,
                window, store.describe());

        Instant seededFirstDue = Instant.parse("2030-01-07T10:00:00Z");
        Map<Long, Instant> seededDueAt = new HashMap<>();
        long t0 = System.nanoTime();
        Database database = Database.open(store, null);
        SeededReminders.seed(database, "C0BENCH01", tickets, due, Duration.ofSeconds(window), seededFirstDue,
                seededDueAt);
        // Whatever seeding took, the first reminder falls due 20 s from now: every seeded time moves as one.
        Instant firstDue = Instant.now().plusSeconds(20);
        long shift = Duration.between(seededFirstDue, firstDue).toMillis();
        database.jdbi().useTransaction(h -> {
            h.execute(postgres ? "UPDATE scheduled_tasks SET execution_time = execution_time + ? * INTERVAL '1 millisecond'"
                    : "UPDATE scheduled_tasks SET execution_time = execution_time + ?", shift);
            h.execute("UPDATE ticket SET created_at = created_at + ?, sla_started_at = sla_started_at + ?", shift, shift);
            h.execute("UPDATE sla_clock SET due_at = due_at + ?", shift);
        });
        Map<Long, Instant> dueAt = new HashMap<>();
        seededDueAt.forEach((id, at) -> dueAt.put(id, at.plusMillis(shift)));
        System.out.printf("seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        double pollFull = pollCostMicros(database);
        FakeSlack slack = FakeSlack.start();
        Map<Long, Long> latenessMs = new ConcurrentHashMap<>();
        slack.onCall(call -> {
            if (call.method().equals("chat.postMessage") && call.param("text") != null) {
                Matcher m = TICKET.matcher(call.param("text"));
                if (m.find()) {
                    long number = Long.parseLong(m.group(1));
                    Instant expected = dueAt.get(number);
                    if (expected != null) {
                        latenessMs.putIfAbsent(number, Duration.between(expected, call.receivedAt()).toMillis());
                    }
                }
            }
        }, false);
        Path config = folder.resolve("pompier.yaml");
        Files.writeString(config, "calendar: { always_open: true }\n");
        // 3,000 reminders in one channel in 2 minutes is not what Slack would take (about one post a second per
        // channel): the fake takes them all, and Pompier's pace is lifted to measure the scheduler, not the channel.
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", FakeSlack.TOKEN, "SLACK_SIGNING_SECRET", "bench",
                "SLACK_API_URL", slack.apiUrl(), "PORT", "0", "POMPIER_DB", TestStore.env(store),
                "POMPIER_CONFIG", config.toString(), "SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1000");
        Pompier pompier = Pompier.start(Config.load(env), Clock.systemUTC());

        Instant end = firstDue.plusSeconds(window + 30);
        while (Instant.now().isBefore(end) && latenessMs.size() < due) {
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        pompier.close();
        slack.close();

        double pollSmall = postgres ? pollCostKeeping(database, 1_000) : pollCostWithRows(db, 1_000);
        database.close();
        List<Long> sorted = new ArrayList<>(latenessMs.values());
        sorted.sort(Long::compare);
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        System.out.printf("| open tickets with a scheduled reminder | %,d |%n", tickets);
        System.out.printf("| reminders due in the window / posted | %,d / %,d |%n", due, sorted.size());
        System.out.printf("| lateness p50 / p99 / max | %d ms / %d ms / %d ms |%n", pct(sorted, 50), pct(sorted, 99),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        System.out.printf("| poll query, 1,000 rows scheduled | %.0f µs |%n", pollSmall);
        System.out.printf("| poll query, %,d rows scheduled | %.0f µs |%n", tickets, pollFull);
        System.out.println();
        System.out.println("goal: lateness p99 < 2000 ms; poll cost flat in the number of open tickets");
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** db-scheduler's due query, as it runs it, timed over many runs. */
    private static double pollCostMicros(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select * from scheduled_tasks where picked = ? and"
                     + " execution_time <= ? ORDER BY execution_time ASC LIMIT 12")) {
            long total = 0;
            int runs = 2_000;
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                s.setBoolean(1, false);
                s.setTimestamp(2, new java.sql.Timestamp(System.currentTimeMillis() - 3_600_000));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                total += System.nanoTime() - start;
            }
            return total / 1_000.0 / runs;
        }
    }

    /** The due query once all but {@code keep} rows are gone (the run is over). */
    private static double pollCostKeeping(Database database, int keep) throws Exception {
        database.jdbi().useHandle(h -> {
            h.execute("DELETE FROM scheduled_tasks WHERE ctid NOT IN (SELECT ctid FROM scheduled_tasks LIMIT " + keep + ")");
            h.execute("ANALYZE scheduled_tasks");
        });
        return pollCostMicros(database);
    }

    private static double pollCostWithRows(Path db, int keep) throws Exception {
        Path small = db.resolveSibling("small.db");
        Files.deleteIfExists(small);
        Database database = Database.open(small);
        try (Connection c = database.dataSource().getConnection()) {
            c.createStatement().execute("ATTACH DATABASE '" + db + "' AS big");
            c.createStatement().execute("INSERT INTO scheduled_tasks SELECT * FROM big.scheduled_tasks LIMIT " + keep);
        }
        return pollCostMicros(database);
    }
}
