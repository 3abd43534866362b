package app.pompier.bench;

import app.pompier.ticket.slack.CardBlocks;
import app.pompier.store.StoreLocation;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.PompierProcess;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.SignedRequests;
import app.pompier.testing.TestStore;
import com.slack.api.app_backend.SlackSignature;
import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;

/**
 * Intake at a fixed rate against the real server (signed message events, default 500/s for 60 s), the
 * same load against a bare Javalin endpoint that only checks the signature, and the latency from a signed
 * Qualify click to the fake Slack receiving views.open. Pompier runs as its own JVM (one, or several replicas
 * on PostgreSQL with {@code -Dbench.store=postgresql}), so the sender's allocations and GC are not Pompier's; the
 * first seconds after it is ready, with its JIT still cold, are measured apart.
 */
final class IntakeBench {
    private static final String SECRET = "bench-secret";
    /** Connections the sender keeps open; Slack's own senders use a bounded number too. */
    private static final int SENDERS = 64;

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int cold = Integer.getInteger("bench.cold", 30);
        boolean postgres = System.getProperty("bench.store", "sqlite").equalsIgnoreCase("postgresql");
        int replicaCount = Integer.getInteger("bench.replicas", postgres ? 2 : 1);
        Path folder = Files.createTempDirectory("pompier-intake");
        // This bench measures the ack and the dialog; its 45,000 look-alike reports would all be one outage, which
        // the outage bench measures. Grouped, the Qualify clicks below would be refused (a related report).
        Files.writeString(folder.resolve("pompier.yaml"), "channels: { watch: [C0BENCH01] }\ngrouping: { enabled: false }\n");
        FakeSlack slack = FakeSlack.start().channel("C0BENCH01", "bench").onCall(c -> { }, false);
        StoreLocation store = postgres ? PostgresServer.shared().newDatabase()
                : new StoreLocation.SqliteFile(folder.resolve("bench.db"));
        List<PompierProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= replicaCount; i++) {
            replicas.add(PompierProcess.start(folder, "bench-" + i, slack, TestStore.env(store),
                    Map.of("SLACK_SIGNING_SECRET", SECRET, "POMPIER_INSTANCE", "bench-" + i,
                            "SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1",
                            // The freeze is read from the replicas' own ack times too.
                            "POMPIER_METRICS_OPEN", "true",
                            // Unset, Pompier's default for the store (2 s on PostgreSQL, none on SQLite).
                            "POMPIER_WARMUP_SECONDS", System.getProperty("bench.warmUp", postgres ? "2" : "0"),
                            // The replicas' own JVM options: the README's start (its quick compiler) unless
                            // -Dbench.jvm says others, e.g. -Dbench.jvm= for the JVM's defaults.
                            "JDK_JAVA_OPTIONS", System.getProperty("bench.jvm", "-XX:TieredStopAtLevel=1"))));
        }
        for (PompierProcess replica : replicas) {
            replica.awaitReady();
        }
        System.out.printf("intake bench: %d events/s, the first %d s after start then %d s, %s, %d replica(s) as"
                        + " their own JVMs, on %d cores%n", rate, cold, seconds, postgres ? "PostgreSQL" : "SQLite",
                replicaCount, Runtime.getRuntime().availableProcessors());

        List<String> urls = replicas.stream().map(r -> "http://127.0.0.1:" + r.port() + "/slack/events").toList();
        int freeze = Integer.getInteger("bench.freeze", 0);
        if (freeze > 0) {
            frozenReplica(replicas, urls, Integer.getInteger("bench.rate", 300), freeze);
            for (PompierProcess replica : replicas) {
                replica.close();
            }
            slack.close();
            return;
        }
        // A replica just deployed takes its share at once, its JIT cold: measured apart from the warm figures.
        Result first = load(urls, rate, cold, "Cold", "1700000000");
        Map<String, Double> ownBefore = ackBuckets(replicas);
        Result real = load(urls, rate, seconds, "Ev", "1800000000");
        Map<String, Double> ownAfter = ackBuckets(replicas);
        Javalin bare = bareEndpoint();
        List<String> bareUrl = List.of("http://127.0.0.1:" + bare.port() + "/slack/events");
        load(bareUrl, rate, Math.min(cold, 10), "WarmBare", "1700000000");
        Result baseline = load(bareUrl, rate, seconds, "Bare", "1800000000");
        bare.stop();

        Jdbi db = TestStore.jdbi(store);
        long tickets = db.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM ticket WHERE message_ts LIKE '1800000000.%'").mapTo(Long.class).one());
        long distinct = db.withHandle(h -> h.createQuery(
                "SELECT COUNT(DISTINCT message_ts) FROM ticket WHERE message_ts LIKE '1800000000.%'")
                .mapTo(Long.class).one());

        List<Long> clicks = clickToViewsOpen(replicas.get(0).port(), slack, 300);
        for (PompierProcess replica : replicas) {
            replica.close();
        }
        slack.close();

        System.out.println();
        System.out.println("| figure | Pompier | bare signature check (in the sender's JVM) |");
        System.out.println("|---|---|---|");
        System.out.printf("| first %d s after start: sent / acked, ack p50 / p99 / max | %,d / %,d, %s | |%n", cold,
                first.sent, first.ok, first.latencies());
        System.out.printf("| of which seconds 0-1 / 1-5 / 5-%d | %s / %s / %s | |%n", cold, first.latencies(0, 1, rate),
                first.latencies(1, 5, rate), first.latencies(5, cold, rate));
        System.out.printf("| events sent / acked 200 | %,d / %,d | %,d / %,d |%n", real.sent, real.ok, baseline.sent,
                baseline.ok);
        System.out.printf("| ack latency p50 / p99 / max | %s | %s |%n", real.latencies(), baseline.latencies());
        System.out.printf("| the 5 seconds with the highest p99 | %s | %s |%n", real.worstSeconds(rate, 5),
                baseline.worstSeconds(rate, 5));
        // Where the tail is spent: inside Pompier's handler (its own histogram) or before it (Jetty, the sockets, the
        // machine's scheduler, the sender).
        System.out.printf("| Pompier's own ack time (its /metrics, signature to ack): within 5 / 10 / 25 / 50 / 100 /"
                + " 250 ms | %s | |%n", shares(ownBefore, ownAfter, "0.005", "0.01", "0.025", "0.05", "0.1", "0.25"));
        System.out.printf("| throughput | %.0f /s | %.0f /s |%n", real.throughput(), baseline.throughput());
        System.out.printf("| tickets created / distinct messages | %,d / %,d | |%n", tickets, distinct);
        System.out.printf("| throughput ratio Pompier / bare | %.2f | |%n", real.throughput() / baseline.throughput());
        Collections.sort(clicks);
        System.out.printf("| click to views.open p50 / p99 / max | %.1f / %.1f / %.1f ms | |%n", clicks.get(clicks.size() / 2) / 1e6,
                clicks.get((int) (clicks.size() * 0.99) - 1) / 1e6, clicks.get(clicks.size() - 1) / 1e6);
        System.out.println();
        System.out.println("goals: ack p99 < 50 ms at 500/s; ratio >= 0.5; 0 lost, 0 doubled; click to views.open p99 < 300 ms");
    }

    /** @param nanos each event's latency, in the order the events were due */
    record Result(int sent, int ok, List<Long> nanos, double seconds) {
        double throughput() {
            return ok / seconds;
        }

        String latencies() {
            return latencies(0, nanos.size());
        }

        /** The latencies of the events due in [{@code from}, {@code to}) seconds of the run, at {@code rate}. */
        String latencies(int from, int to, int rate) {
            return latencies(Math.min(nanos.size(), from * rate), Math.min(nanos.size(), to * rate));
        }

        /**
         * The {@code count} seconds of the run with the highest p99, in order of time: a tail spread over the whole run
         * (contention on every request) reads differently from one held in a few seconds (a pause, a background job).
         */
        String worstSeconds(int rate, int count) {
            List<int[]> seconds = new ArrayList<>();
            for (int second = 0; second * rate < nanos.size(); second++) {
                List<Long> sorted = new ArrayList<>(nanos.subList(second * rate, Math.min(nanos.size(), (second + 1) * rate)));
                Collections.sort(sorted);
                seconds.add(new int[] {second, (int) (sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1_000)});
            }
            seconds.sort((x, y) -> Integer.compare(y[1], x[1]));
            return seconds.subList(0, Math.min(count, seconds.size())).stream()
                    .sorted(java.util.Comparator.comparingInt(x -> x[0]))
                    .map(x -> String.format("s%d %.1f ms", x[0], x[1] / 1e3))
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        private String latencies(int fromIndex, int toIndex) {
            List<Long> sorted = new ArrayList<>(nanos.subList(fromIndex, toIndex));
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "-";
            }
            return String.format("%.1f / %.1f / %.1f ms", sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
                    sorted.get(sorted.size() - 1) / 1e6);
        }
    }

    /**
     * Sends signed message events at {@code rate} per second, open loop, and records each ack's latency from
     * the moment the event was due to be sent: a sender that falls behind counts against the server, not in
     * its favour. The events are signed before the clock starts and sent by a fixed pool of keep-alive
     * connections, so that the sender, which shares the machine, costs the server as little as it can.
     */
    static Result load(List<String> urls, int rate, int seconds, String prefix, String tsSeconds) throws Exception {
        int total = rate * seconds;
        SlackSignature.Generator signatures = new SlackSignature.Generator(SECRET);
        okhttp3.MediaType json = okhttp3.MediaType.get("application/json");
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        List<okhttp3.Request> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            String body = callback(prefix + i, message("C0BENCH01", "UREPORTER",
                    tsSeconds + "." + String.format("%06d", i), "bench report " + i));
            // Round robin over the replicas, as a balancer in front of them would.
            requests.add(new okhttp3.Request.Builder().url(urls.get(i % urls.size()))
                    .header("X-Slack-Request-Timestamp", ts)
                    .header("X-Slack-Signature", signatures.generate(ts, body))
                    .post(okhttp3.RequestBody.create(body, json)).build());
        }
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(SENDERS, 1, java.util.concurrent.TimeUnit.MINUTES))
                .readTimeout(java.time.Duration.ofSeconds(60)).build();
        var senders = Executors.newFixedThreadPool(SENDERS);
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            okhttp3.Request request = requests.get(i);
            int index = i;
            senders.execute(() -> {
                try (okhttp3.Response response = http.newCall(request).execute()) {
                    if (response.code() == 200) {
                        ok.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    // counted as not acked
                } finally {
                    latencies[index] = System.nanoTime() - due;
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        http.connectionPool().evictAll();
        List<Long> inOrder = new ArrayList<>(total);
        for (long latency : latencies) {
            inOrder.add(latency);
        }
        return new Result(total, ok.get(), inOrder, elapsed);
    }

    /**
     * {@code -Dbench.freeze=15}: events at {@code rate} per second round robin, as Slack sends them (each given up
     * after 3 s), the last replica frozen ({@code SIGSTOP}) after {@code -Dbench.freezeAfter=30} seconds (the others
     * warm by then) for {@code freeze} seconds, then woken; prints how the other replicas answered the events sent to
     * them while it was frozen. Each replica has its sender threads of its own, so that requests hanging on the
     * frozen one hold none of those of the others.
     */
    static void frozenReplica(List<PompierProcess> replicas, List<String> urls, int rate, int freeze)
            throws Exception {
        PompierProcess frozen = replicas.get(replicas.size() - 1);
        int warm = Integer.getInteger("bench.freezeAfter", 30);
        int seconds = warm + freeze + 10;
        int total = rate * seconds;
        SlackSignature.Generator signatures = new SlackSignature.Generator(SECRET);
        okhttp3.MediaType json = okhttp3.MediaType.get("application/json");
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder()
                .connectionPool(new okhttp3.ConnectionPool(SENDERS * 4, 1, java.util.concurrent.TimeUnit.MINUTES))
                .callTimeout(java.time.Duration.ofSeconds(3)).build();
        // The frozen one holds each of its requests 3 s: enough threads for all it is sent meanwhile.
        List<java.util.concurrent.ExecutorService> senders = new ArrayList<>();
        for (int r = 0; r < urls.size(); r++) {
            senders.add(Executors.newFixedThreadPool(r == urls.size() - 1 ? rate * 4 / urls.size() + SENDERS
                    : SENDERS));
        }
        ConcurrentLinkedQueue<long[]> duringFreeze = new ConcurrentLinkedQueue<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        long start = System.nanoTime();
        long freezeAt = start + warm * 1_000_000_000L;
        long thawAt = freezeAt + freeze * 1_000_000_000L;
        boolean isFrozen = false;
        Map<String, Double> earlier = null;
        Map<String, Double> before = Map.of();
        Map<String, Double> after = Map.of();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            if (earlier == null && due >= freezeAt - freeze * 1_000_000_000L) {
                earlier = ackBuckets(replicas.get(0));
            }
            if (!isFrozen && due >= freezeAt && due < thawAt) {
                before = ackBuckets(replicas.get(0));
                frozen.freeze();
                isFrozen = true;
            } else if (isFrozen && due >= thawAt) {
                after = ackBuckets(replicas.get(0));
                frozen.thaw();
                isFrozen = false;
            }
            int target = i % urls.size();
            boolean watched = isFrozen && target != urls.size() - 1;
            String body = callback("Freeze" + i, message("C0BENCH01", "UREPORTER",
                    "1900000000." + String.format("%06d", i), "bench report " + i));
            okhttp3.Request request = new okhttp3.Request.Builder().url(urls.get(target))
                    .header("X-Slack-Request-Timestamp", ts)
                    .header("X-Slack-Signature", signatures.generate(ts, body))
                    .post(okhttp3.RequestBody.create(body, json)).build();
            senders.get(target).execute(() -> {
                int code = 0;
                try (okhttp3.Response response = http.newCall(request).execute()) {
                    code = response.code();
                } catch (java.io.IOException givenUp) {
                    // no answer within Slack's 3 s
                } finally {
                    if (watched) {
                        duringFreeze.add(new long[]{code, System.nanoTime() - due});
                    }
                    done.countDown();
                }
            });
        }
        if (isFrozen) {
            frozen.thaw();
        }
        done.await();
        senders.forEach(java.util.concurrent.ExecutorService::shutdown);
        List<Long> nanos = new ArrayList<>();
        long acked = 0;
        long retry = 0;
        long givenUp = 0;
        for (long[] answer : duringFreeze) {
            nanos.add(answer[1]);
            acked += answer[0] == 200 ? 1 : 0;
            retry += answer[0] == 503 ? 1 : 0;
            givenUp += answer[0] == 0 ? 1 : 0;
        }
        Collections.sort(nanos);
        System.out.println();
        System.out.printf("one replica of %d frozen for %d s after %d s, %d events/s round robin, each given up after"
                + " 3 s%n", replicas.size(), freeze, warm, rate);
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        System.out.printf("| events sent to the other replicas during the freeze / acked 200 / 503 (retry) / no"
                + " answer in 3 s | %,d / %,d / %,d / %,d |%n", nanos.size(), acked, retry, givenUp);
        if (!nanos.isEmpty()) {
            System.out.printf("| their answer as the sender saw it (from when each was due) p50 / p99 / max | %.1f /"
                            + " %.1f / %.1f ms |%n", nanos.get(nanos.size() / 2) / 1e6,
                    nanos.get(Math.max(0, (int) Math.ceil(nanos.size() * 0.99) - 1)) / 1e6,
                    nanos.get(nanos.size() - 1) / 1e6);
        }
        // The first replica's own ack times, the same length of time before the freeze and during it: its
        // histogram's buckets, after minus before.
        System.out.printf("| its own acks (the first replica) %d s before the freeze: within 10 ms / 50 ms / 250 ms / 1 s"
                + " / 2.5 s | %s |%n", freeze, shares(earlier, before));
        System.out.printf("| its own acks during the freeze: within 10 ms / 50 ms / 250 ms / 1 s / 2.5 s | %s |%n",
                shares(before, after));
    }

    /** The share of acks within each bucket between two scrapes of a replica's histogram, and how many. */
    static String shares(Map<String, Double> from, Map<String, Double> to) {
        return shares(from, to, "0.01", "0.05", "0.25", "1.0", "2.5");
    }

    static String shares(Map<String, Double> from, Map<String, Double> to, String... bounds) {
        double all = to.getOrDefault("+Inf", 0.0) - from.getOrDefault("+Inf", 0.0);
        StringBuilder within = new StringBuilder();
        for (String le : bounds) {
            double n = to.getOrDefault(le, 0.0) - from.getOrDefault(le, 0.0);
            within.append(within.isEmpty() ? "" : " / ").append(String.format("%.1f%%", all == 0 ? 0 : 100 * n / all));
        }
        return within + String.format(" (of %,.0f)", all);
    }

    /** The cumulative buckets of the replicas' ack-time histograms, summed, by their upper bound ({@code le}). */
    static Map<String, Double> ackBuckets(List<PompierProcess> replicas) {
        Map<String, Double> buckets = new java.util.HashMap<>();
        replicas.forEach(r -> ackBuckets(r).forEach((le, n) -> buckets.merge(le, n, Double::sum)));
        return buckets;
    }

    /** The cumulative buckets of a replica's ack-time histogram, by their upper bound ({@code le}). */
    static Map<String, Double> ackBuckets(PompierProcess replica) {
        Map<String, Double> buckets = new java.util.HashMap<>();
        java.util.regex.Pattern line = java.util.regex.Pattern.compile(
                "pompier_slack_ack_seconds_bucket\\{.*le=\"([^\"]+)\".*\\} ([0-9.eE+]+)");
        for (String row : replica.requests().get("/metrics").body().split("\n")) {
            var m = line.matcher(row);
            if (m.find()) {
                buckets.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return buckets;
    }

    /** The floor: Javalin answering 200 after checking the signature as Pompier does, and nothing else. */
    static Javalin bareEndpoint() {
        SlackSignature.Generator signatures = new SlackSignature.Generator(SECRET);
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/slack/events", ctx -> {
                String body = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
                String expected = signatures.generate(ctx.header("X-Slack-Request-Timestamp"), body);
                boolean valid = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        String.valueOf(ctx.header("X-Slack-Signature")).getBytes(StandardCharsets.UTF_8));
                ctx.status(valid ? 200 : 401);
            });
        }).start(0);
    }

    /** A signed Qualify click, timed until the fake Slack receives views.open. */
    static List<Long> clickToViewsOpen(int port, FakeSlack slack, int clicks) throws Exception {
        SignedRequests requests = new SignedRequests(port, SECRET, Clock.systemUTC());
        ConcurrentLinkedQueue<Long> opened = new ConcurrentLinkedQueue<>();
        slack.onCall(c -> {
            if (c.method().equals("views.open")) {
                opened.add(c.receivedNanos());
            }
        }, false);
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < clicks; i++) {
            int before = opened.size();
            long start = System.nanoTime();
            requests.interaction(buttonClick("UREPORTER", "C0BENCH01", "1800000000.000001", CardBlocks.QUALIFY_ACTION,
                    "INC-" + (1 + i % 100)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (opened.size() == before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no views.open within 10 s of click " + i + "; see the log");
                }
                Thread.onSpinWait();
            }
            latencies.add(new ArrayList<>(opened).get(before) - start);
        }
        return latencies;
    }
}
