package app.pompier.http;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: Prometheus' text format, behind the API token unless opened, with what a team alerts on. */
class MetricsTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String TOKEN = "metrics-token-0123456789abcdef";
    static final String CONFIG = "channels: { watch: [support-crm] }\n";

    @TempDir
    Path folder;
    FakeSlack slack = FakeSlack.start().channel(SUPPORT, "support-crm");
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    HttpResponse<String> scrape(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The value of the sample whose line starts with {@code series} (name and labels as Prometheus prints them). */
    static double sample(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(line.find(), "no sample " + series + " in:\n" + scrape);
        return Double.parseDouble(line.group(1));
    }

    @Test
    void metrics_need_the_api_token_and_tell_requests_slack_calls_tickets_and_the_outbox() {
        pompier = new RunningPompier(slack, folder, clock, CONFIG, Map.of("POMPIER_API_TOKEN", TOKEN));
        // The card's first post meets a 429: Pompier waits it out and posts it.
        slack.answerNext("chat.postMessage", Answer.rateLimited(1));
        assertEquals(200, pompier.slackSends().event(callback("Ev1", message(SUPPORT, "UREPORTER", ts(1),
                "Je n'arrive plus à me connecter"))).statusCode());
        slack.await("chat.postMessage", 2);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE card_ts IS NOT NULL", 1);

        HttpResponse<String> refused = scrape(null);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("Authorization: Bearer"), refused.body());
        assertEquals(401, scrape("wrong-token-0123456789").statusCode());

        HttpResponse<String> metrics = scrape(TOKEN);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String body = metrics.body();
        assertEquals(1, sample(body, "pompier_slack_requests_total{outcome=\"acked\",transport=\"http\",type=\"event:message\"}"));
        assertTrue(sample(body, "pompier_slack_ack_seconds_count{transport=\"http\"}") >= 1);
        assertEquals(1, sample(body, "pompier_slack_ack_seconds_bucket{transport=\"http\",le=\"3.0\"}"),
                "the ack is a histogram with a bucket at Slack's 3 s");
        assertEquals(1, sample(body, "pompier_slack_api_calls_total{method=\"chat.postMessage\",outcome=\"ratelimited\"}"));
        assertTrue(sample(body, "pompier_slack_api_calls_total{method=\"chat.postMessage\",outcome=\"ok\"}") >= 1);
        assertTrue(sample(body, "pompier_slack_retry_after_waited_seconds_total{method=\"chat.postMessage\"}") >= 1);
        assertEquals(1, sample(body, "pompier_tickets_open{priority=\"none\",state=\"new\"}"));
        assertEquals(0, sample(body, "pompier_card_outbox_unposted"));
        assertTrue(body.contains("jvm_memory_used_bytes"), "JVM figures");
        assertTrue(body.contains("hikaricp_connections_active"), "pool figures");
    }

    @Test
    void opened_metrics_answer_without_a_token_and_a_refused_signature_is_counted() {
        pompier = new RunningPompier(slack, folder, clock, CONFIG, Map.of("POMPIER_METRICS_OPEN", "true"));
        HttpResponse<String> forged = new app.pompier.testing.SignedRequests(pompier.port(), "not-the-secret", clock)
                .event(callback("Ev2", message(SUPPORT, "UREPORTER", ts(2), "forged")));
        assertEquals(401, forged.statusCode(), forged.body());

        HttpResponse<String> metrics = scrape(null);
        assertEquals(200, metrics.statusCode());
        assertEquals(1, sample(metrics.body(), "pompier_slack_requests_total{outcome=\"refused\",transport=\"http\",type=\"bad_signature\"}"));
    }
}
