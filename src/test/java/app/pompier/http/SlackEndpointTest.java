package app.pompier.http;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SignedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackEndpointTest {
    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    SignedRequests requests;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));
    final String report = callback("Ev100", message("C0SUPPORT", "UREPORTER", "1800000000.000100", "bug"));

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        pompier = new RunningPompier(slack, folder, clock, "channels: { watch: [C0SUPPORT] }\n");
        requests = pompier.slackSends();
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    void assertNothingStored() {
        slack.quietFor(Duration.ofMillis(100));
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM ticket"));
        assertTrue(slack.calls("chat.postMessage").isEmpty());
    }

    @Test
    void a_request_without_signature_is_refused_and_stores_nothing() {
        var response = requests.send(report, "application/json", null, null, Map.of());
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("missing X-Slack-Request-Timestamp"), response.body());
        assertNothingStored();
    }

    @Test
    void a_request_with_a_wrong_signature_is_refused_and_stores_nothing() {
        String timestamp = String.valueOf(clock.millis() / 1000);
        String forged = new SignedRequests(pompier.port(), "not-the-secret", clock).signature(timestamp, report);
        var response = requests.send(report, "application/json", timestamp, forged, Map.of());
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("SLACK_SIGNING_SECRET"), response.body());
        assertNothingStored();
    }

    @Test
    void a_body_changed_after_signing_is_refused() {
        String timestamp = String.valueOf(clock.millis() / 1000);
        String signature = requests.signature(timestamp, report);
        var response = requests.send(report.replace("bug", "gub"), "application/json", timestamp, signature, Map.of());
        assertEquals(401, response.statusCode());
        assertNothingStored();
    }

    @Test
    void a_stale_timestamp_is_refused_even_with_a_valid_signature() {
        String timestamp = String.valueOf(clock.millis() / 1000 - 6 * 60);
        var response = requests.send(report, "application/json", timestamp, requests.signature(timestamp, report),
                Map.of());
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("stale"), response.body());
        assertNothingStored();
    }

    @Test
    void malformed_json_gets_400_and_pompier_keeps_serving() {
        for (String body : new String[]{"{", "{\"type\":\"event_callback\",\"event\":", "[]", "\"text\"",
                "{\"type\":\"event_callback\"}", "{\"no_type\":true}"}) {
            HttpResponse<String> response = requests.signed(body, "application/json", Map.of());
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
        }
        assertEquals(200, requests.event(report).statusCode());
    }

    @Test
    void a_malformed_form_body_gets_400() {
        for (String body : new String[]{"payload=%7Bnot-json", "payload=", "garbage", "a=b&c"}) {
            HttpResponse<String> response = requests.signed(body, "application/x-www-form-urlencoded", Map.of());
            assertEquals(400, response.statusCode(), body + " -> " + response.body());
        }
    }

    @Test
    void a_body_over_one_mebibyte_gets_413() {
        String status = requests.statusOfOversizedRequest(1024 * 1024 + 64);
        assertTrue(status.startsWith("HTTP/1.1 413"), status);
        assertEquals(200, requests.event(report).statusCode());
    }

    @Test
    void url_verification_echoes_the_challenge() {
        var response = requests.event("{\"token\":\"t\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV\",\"type\":\"url_verification\"}");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("3eZbrw1aBm2rZgRNFdxV"), response.body());
    }

    @Test
    void liveness_and_readiness_answer_once_started() {
        assertEquals(200, requests.get("/livez").statusCode());
        var ready = requests.get("/readyz");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("\"store\":\"ok\""), ready.body());
        assertTrue(ready.body().contains("\"slack_auth\":\"ok\""), ready.body());
    }

    @Test
    void readiness_fails_while_intake_cannot_record_so_that_a_balancer_routes_away_and_comes_back_after()
            throws Exception {
        // Another process holds the file's write lock (a backup, a stuck tool): intake's writer cannot record.
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + pompier.database())) {
            other.createStatement().execute("BEGIN IMMEDIATE");
            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> requests.event(report));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            var ready = requests.get("/readyz");
            while (!intakeFailing(ready.body()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                ready = requests.get("/readyz");
            }
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(intakeFailing(ready.body()), ready.body());
            assertEquals(503, waiting.get().statusCode(), "Slack is told to deliver it again");
            other.createStatement().execute("ROLLBACK");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (requests.get("/readyz").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(200, requests.get("/readyz").statusCode(), "ready again once intake records");
        assertEquals(200, requests.event(report).statusCode());
    }

    private static boolean intakeFailing(String readiness) {
        return readiness.contains("\"intake\":\"failing\"") || readiness.contains("\"intake\":\"no answer\"");
    }

    @Test
    void the_json_api_is_off_without_a_token() {
        var response = requests.get("/api/tickets");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("set POMPIER_API_TOKEN"), response.body());
    }
}
