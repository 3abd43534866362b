package app.pompier.testing;

import com.slack.api.app_backend.SlackSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/** Sends requests to Pompier's /slack/events signed the way Slack signs them. */
public final class SignedRequests {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI events;
    private final String secret;
    private final Clock clock;

    public SignedRequests(int port, String secret, Clock clock) {
        this.events = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.secret = secret;
        this.clock = clock;
    }

    /** An Events API callback (JSON body). */
    public HttpResponse<String> event(String json) {
        return signed(json, "application/json", Map.of());
    }

    /** The same event again, as Slack retries it. */
    public HttpResponse<String> retriedEvent(String json, int retryNum) {
        return signed(json, "application/json",
                Map.of("X-Slack-Retry-Num", String.valueOf(retryNum), "X-Slack-Retry-Reason", "http_timeout"));
    }

    /** An interactivity payload (shortcut, button, view submission), as a form field. */
    public HttpResponse<String> interaction(String payloadJson) {
        return signed("payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded", Map.of());
    }

    /** A slash command, as a form body. */
    public HttpResponse<String> command(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return signed(body, "application/x-www-form-urlencoded", Map.of());
    }

    public HttpResponse<String> signed(String body, String contentType, Map<String, String> extraHeaders) {
        String timestamp = String.valueOf(clock.millis() / 1000);
        return send(body, contentType, timestamp, signature(timestamp, body), extraHeaders);
    }

    public String signature(String timestamp, String body) {
        return new SlackSignature.Generator(secret).generate(timestamp, body);
    }

    public HttpResponse<String> send(String body, String contentType, String timestamp, String signature,
                                     Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(events)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (timestamp != null) {
            request.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Slack-Signature", signature);
        }
        extraHeaders.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(events.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
