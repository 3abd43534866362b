package app.pompier.http;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SignedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated corpus of hostile and broken requests: none gets a 5xx, none crashes the server, none
 * unsigned stores anything.
 */
class HostileInputTest {
    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel("C0SUPPORT", "support-crm");
        pompier = new RunningPompier(slack, folder, clock, "channels: { watch: [C0SUPPORT] }\n");
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    static List<String> corpus() {
        List<String> bodies = new ArrayList<>(List.of("", " ", "{", "}", "[]", "null", "0", "\"x\"", "{}",
                "{\"type\":null}", "{\"type\":1}", "{\"type\":\"event_callback\"}",
                "{\"type\":\"event_callback\",\"event\":null}", "{\"type\":\"event_callback\",\"event\":[]}",
                "{\"type\":\"event_callback\",\"event\":{}}", "{\"type\":\"event_callback\",\"event\":{\"type\":7}}",
                "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"E1\",\"event\":{\"type\":\"message\"}}",
                "{\"type\":\"event_callback\",\"event_id\":\"E2\",\"event\":{\"type\":\"reaction_added\",\"reaction\":\"ticket\"}}",
                "{\"type\":\"event_callback\",\"event_id\":\"E3\",\"event\":{\"type\":\"reaction_added\",\"reaction\":\"ticket\",\"item\":{}}}",
                "{\"type\":\"event_callback\",\"event_id\":\"E4\",\"event\":{\"type\":\"app_mention\"}}",
                "{\"type\":\"event_callback\",\"event_id\":\"E5\",\"event\":{\"type\":\"app_home_opened\"}}",
                "{\"type\":\"url_verification\"}", "{\"type\":\"block_actions\"}",
                "payload=", "payload=%7B%7D", "payload=%7B%22type%22%3A%22block_actions%22%7D",
                "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%5D%7D",
                "payload=%7B%22type%22%3A%22view_submission%22%7D",
                "payload=%7B%22type%22%3A%22view_submission%22%2C%22view%22%3A%7B%7D%7D",
                "payload=%7B%22type%22%3A%22message_action%22%2C%22callback_id%22%3A%22create_ticket%22%7D",
                "payload=%7B%22type%22%3A%22shortcut%22%7D",
                "command=%2Fticket", "command=%2Fticket&text=", "command=%2Fticket&text=qualify",
                "command=%2Fsla&text=-5", "command=%2Fops&text=%00", "command=%2Fnope",
                "a=%ZZ", "%", "&&&", "payload=%7B" + "%5B".repeat(5000)));
        StringBuilder nested = new StringBuilder();
        nested.append("{\"a\":".repeat(3000)).append("1").append("}".repeat(3000));
        bodies.add(nested.toString());
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            bodies.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        return bodies;
    }

    @Test
    void signed_garbage_never_gets_a_5xx_and_the_server_keeps_serving() {
        SignedRequests requests = pompier.slackSends();
        List<String> contentTypes = List.of("application/json", "application/x-www-form-urlencoded", "text/plain",
                "application/octet-stream");
        int i = 0;
        for (String body : corpus()) {
            String type = contentTypes.get(i++ % contentTypes.size());
            HttpResponse<String> response = requests.signed(body, type, Map.of());
            assertTrue(response.statusCode() < 500, response.statusCode() + " for " + abbreviated(body));
        }
        assertEquals(200, requests.get("/livez").statusCode());
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM ticket"));
    }

    @Test
    void unsigned_or_oversized_requests_store_nothing_and_get_4xx() throws Exception {
        SignedRequests requests = pompier.slackSends();
        for (String body : corpus()) {
            assertEquals(401, requests.send(body, "application/json", null, null, Map.of()).statusCode());
        }
        byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1};
        var raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + pompier.port() + "/slack/events")).header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", "1").header("X-Slack-Signature", "v0=00")
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, raw.statusCode());
        assertTrue(requests.statusOfOversizedRequest(2 * 1024 * 1024).startsWith("HTTP/1.1 413"), "refused before reading it");
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM ticket"));
        assertEquals(200, requests.get("/readyz").statusCode());
    }

    private static String abbreviated(String body) {
        return body.length() > 80 ? body.substring(0, 80) + "…" : body;
    }
}
