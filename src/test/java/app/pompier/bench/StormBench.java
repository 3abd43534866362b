package app.pompier.bench;

import app.pompier.ticket.slack.CardBlocks;
import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.store.StoreLocation;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.PompierProcess;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.SignedRequests;
import app.pompier.testing.SlackPayloads.Form;
import app.pompier.testing.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.viewSubmission;

/**
 * A storm of P1s: {@code bench.p1s} (50) confirmed at once while the fake Slack enforces Tier 2 on
 * conversations.create (20 a minute, then 429 with Retry-After). Time until every cell is open, against the
 * least time Tier 2 allows for that many channels. Pompier runs as its own JVM on SQLite, or as two replicas on
 * PostgreSQL ({@code -Dbench.store=postgresql}), Slack's requests spread over both.
 */
final class StormBench {
    public static void main(String[] args) throws Exception {
        int p1s = Integer.getInteger("bench.p1s", 50);
        int perMinute = 20;
        boolean postgres = System.getProperty("bench.store", "sqlite").equalsIgnoreCase("postgresql");
        int replicaCount = Integer.getInteger("bench.replicas", postgres ? 2 : 1);
        Path folder = Files.createTempDirectory("pompier-storm");
        Files.writeString(folder.resolve("pompier.yaml"), """
                channels: { watch: [support-crm] }
                calendar: { always_open: true }
                """);
        FakeSlack slack = FakeSlack.start().channel("C0SUPPORT", "support-crm")
                .limitChannelCreation(perMinute, Duration.ofMinutes(1));
        StoreLocation store = postgres ? PostgresServer.shared().newDatabase()
                : new StoreLocation.SqliteFile(folder.resolve("storm.db"));
        List<PompierProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= replicaCount; i++) {
            replicas.add(PompierProcess.start(folder, "storm-" + i, slack, TestStore.env(store),
                    Map.of("POMPIER_INSTANCE", "storm-" + i)));
        }
        for (PompierProcess replica : replicas) {
            replica.awaitReady();
        }
        System.out.printf("storm bench: %d P1s, %s, %d replica(s)%n", p1s, postgres ? "PostgreSQL" : "SQLite",
                replicaCount);
        // One reporter each: one person's P1s past 3 an hour wait for a lead (roles.self_confirmed_p1_per_hour).
        for (int n = 1; n <= p1s; n++) {
            via(replicas, n).event(callback("Ev" + n, message("C0SUPPORT", reporter(n), ts(n), "Panne " + n)));
        }
        slack.await("reactions.add", p1s);
        List<JsonNode> views = new ArrayList<>();
        for (int n = 1; n <= p1s; n++) {
            int before = slack.calls("views.open").size();
            via(replicas, n).interaction(buttonClick(reporter(n), "C0SUPPORT", ts(n), CardBlocks.QUALIFY_ACTION,
                    "INC-" + n));
            views.add(slack.await("views.open", before + 1).get(before).json("view"));
        }
        long start = System.nanoTime();
        for (int n = 1; n <= p1s; n++) {
            via(replicas, n + 1).interaction(viewSubmission(reporter(n), "V" + n, QualificationDialog.CALLBACK_ID,
                    views.get(n - 1).path("private_metadata").asText(), new Form().text("steps", "1. Connexion")
                            .text("location", "/login").text("error_message", "Erreur 500")
                            .radio("reach", "all_customers").select("impact", "essential:log in")
                            .radio("reproducible", "always").radio("workaround", "none")));
        }
        Jdbi db = TestStore.jdbi(store);
        while (db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'")
                .mapTo(Long.class).one()) < p1s) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double minimum = (Math.ceil((double) p1s / perMinute) - 1) * 60;
        List<String> created = slack.createdChannels();
        long refused = slack.calls("conversations.create").size() - created.size();
        boolean inOrder = true;
        for (int i = 0; i < created.size(); i++) {
            inOrder &= created.get(i).startsWith("crise-inc-" + (i + 1) + "-");
        }
        for (PompierProcess replica : replicas) {
            replica.close();
        }
        slack.close();
        System.out.println();
        System.out.println("| figure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf("| P1s confirmed at once / cells opened | %d / %d | all |%n", p1s, created.size());
        System.out.printf("| time until every cell is set up | %.1f s | |%n", seconds);
        System.out.printf("| Tier 2 minimum for %d channels at %d/min | %.0f s | |%n", p1s, perMinute, minimum);
        System.out.printf("| ratio | %.2f | ≤ 1.2 |%n", seconds / minimum);
        System.out.printf("| 429s waited out / duplicates / in order of arrival | %d / %d / %s | 0 duplicates |%n",
                refused, created.size() - created.stream().distinct().count(), inOrder ? "yes" : "no");
        if (!inOrder) {
            System.out.println("channels in the order they were made: " + created);
        }
    }

    /** The replica the balancer sends request {@code n} to: round robin. */
    private static String reporter(int n) {
        return String.format("UREP%05d", n);
    }

    private static SignedRequests via(List<PompierProcess> replicas, int n) {
        return replicas.get(n % replicas.size()).requests();
    }
}
