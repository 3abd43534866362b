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
    private final java.time.Duration timeout;

    public SignedRequests(int port, String secret, Clock clock) {
        this(URI.create("http://127.0.0.1:" + port + "/slack/events"), secret, clock, null);
    }

    private SignedRequests(URI events, String secret, Clock clock, java.time.Duration timeout) {
        this.events = events;
        this.secret = secret;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The same requests, given up after {@code timeout} as Slack gives up on an ack after 3 s. */
    public SignedRequests withTimeout(java.time.Duration timeout) {
        return new SignedRequests(events, secret, clock, timeout);
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
        if (timeout != null) {
            request.timeout(timeout);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET on the JSON API with its bearer token; the body. */
    public String getWithToken(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(events.resolve(path)).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
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

    /**
     * Announces a body of {@code size} bytes, sends a little of it, and reads the status line Pompier answers.
     * An HTTP client that uploads the whole body races the server's refusal and the close that follows it, and
     * sometimes loses the answer; a refusal before the body is read is best seen this way.
     */
    public String statusOfOversizedRequest(int size) {
        try (java.net.Socket socket = new java.net.Socket(events.getHost(), events.getPort())) {
            socket.setSoTimeout(5000);
            var out = socket.getOutputStream();
            out.write(("POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=00\r\nContent-Length: " + size
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("{\"type\":\"event_callback\",\"x\":\"".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            return String.valueOf(in.readLine());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
