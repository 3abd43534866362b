package app.pompier.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /slack/events}: everything Slack sends (events, interactivity, slash commands, shortcuts)
 * goes through here into the Bolt {@link App}. The signature is checked before anything is parsed, so an
 * unsigned or stale request is refused with 401 and never reaches a listener.
 */
public final class SlackEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SlackEndpoint.class);
    /** Slack's own limit: a signature older than five minutes may be a replay. */
    private static final long MAX_SKEW_SECONDS = 5 * 60;
    /** The largest request accepted (413 beyond): Slack's own payloads stay far below. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final SlackRequests requests;
    private final SlackRequestParser parser;
    private final Signatures signatures;
    private final Clock clock;

    public SlackEndpoint(SlackRequests requests, String signingSecret, Clock clock) {
        this.requests = requests;
        this.parser = new SlackRequestParser(requests.app().config());
        this.signatures = new Signatures(signingSecret);
        this.clock = clock;
    }

    public void handle(Context ctx) throws Exception {
        long receivedNanos = System.nanoTime();
        byte[] raw = body(ctx);
        String timestamp = ctx.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        String signature = ctx.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        // Slack signs the bytes it sent: they are checked as they came, before being read as text.
        String refusal = refusal(timestamp, signature, raw);
        if (refusal != null) {
            log.warn("refused a request to /slack/events from {}: {}", ctx.ip(), refusal);
            requests.refused("http", "bad_signature");
            ctx.status(401).json(Map.of("error", refusal));
            return;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(ctx.path())
                    .queryString(ctx.queryParamMap())
                    .headers(new RequestHeaders(headers(ctx)))
                    .requestBody(body)
                    .remoteAddress(ctx.ip())
                    .build());
        } catch (RuntimeException e) {
            log.warn("a signed request to /slack/events could not be parsed: {}", e.toString());
            request = null;
        }
        if (request == null) {
            requests.refused("http", "unparsable");
            ctx.status(400).json(Map.of("error",
                    "not a Slack request Pompier understands: expected an Events API JSON body, or a form body"
                            + " with a 'payload' (interactivity) or a 'command' (slash command)"));
            return;
        }
        SlackRequests.Outcome outcome = requests.run(request, "http", receivedNanos);
        if (outcome instanceof SlackRequests.Outcome.RetryLater) {
            // Nothing was stored, or what was is idempotent: a 503 makes Slack deliver the event again later.
            ctx.status(503).json(Map.of("error", "the store is unavailable; the request can be retried"));
            return;
        }
        if (outcome instanceof SlackRequests.Outcome.CannotHandle failed) {
            // A 400, not a 5xx: retrying it would fail the same way forever.
            ctx.status(400).json(Map.of("error", "this Slack payload could not be handled: " + failed.why()));
            return;
        }
        Response response = ((SlackRequests.Outcome.Answered) outcome).response();
        ctx.status(response.getStatusCode());
        response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        if (response.getBody() != null && !response.getBody().isEmpty()) {
            // An ack has no body: left unset, Javalin writes none, rather than copying an empty one through a buffer.
            ctx.result(response.getBody());
        }
    }

    /**
     * Runs {@code times} signed requests through the steps a Slack request takes (the signature, the parser, Bolt,
     * the intake listener, which lets a message of a channel it does not watch go), unrecorded and uncounted. Done
     * before Pompier says it is ready, it spares the first real requests the classes to load and the code still
     * interpreted: a replica just deployed takes its share of a burst at once.
     */
    public void warmUp(int times) {
        for (int i = 0; i < times; i++) {
            String timestamp = String.valueOf(clock.millis() / 1000);
            String body = "{\"token\":\"warm-up\",\"team_id\":\"T0WARMUP\",\"api_app_id\":\"A0WARMUP\","
                    + "\"type\":\"event_callback\",\"event_id\":\"EvWarmUp" + i + "\",\"event_time\":" + timestamp
                    + ",\"event\":{\"type\":\"message\",\"channel\":\"C0WARMUP\",\"user\":\"U0WARMUP\","
                    + "\"text\":\"warm-up " + i + "\",\"ts\":\"" + timestamp + "." + i + "\",\"channel_type\":\"channel\"}}";
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            String signature = new String(signatures.of(timestamp, raw), StandardCharsets.US_ASCII);
            if (refusal(timestamp, signature, raw) != null) {
                throw new IllegalStateException("the warm-up's own request was refused");
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri("/slack/events")
                    .queryString(Map.of())
                    .headers(new RequestHeaders(Map.of("Content-Type", List.of("application/json"),
                            SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, List.of(timestamp),
                            SlackSignature.HeaderNames.X_SLACK_SIGNATURE, List.of(signature))))
                    .requestBody(body)
                    .remoteAddress("127.0.0.1")
                    .build());
            try {
                requests.app().run(request);
            } catch (Exception e) {
                throw new IllegalStateException("the warm-up's own request failed: " + e, e);
            }
        }
    }

    /** Why a request is not from Slack, or null when its signature holds. */
    private String refusal(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            return "missing X-Slack-Request-Timestamp or X-Slack-Signature header";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "X-Slack-Request-Timestamp is not a number of seconds";
        }
        if (Math.abs(clock.millis() / 1000 - sentAt) > MAX_SKEW_SECONDS) {
            return "stale request: X-Slack-Request-Timestamp is more than 5 minutes away from now";
        }
        byte[] expected = signatures.of(timestamp.trim(), body);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return "invalid signature: check SLACK_SIGNING_SECRET against your Slack app's 'Basic Information'";
        }
        return null;
    }

    /**
     * The request's body, read once into an array of its own size. Javalin's reader went through a growing buffer and
     * a copy: at a thousand events a second, a tenth of what the ack path allocated.
     */
    private static byte[] body(Context ctx) throws IOException {
        long length = ctx.req().getContentLengthLong();
        InputStream in = ctx.req().getInputStream();
        byte[] body;
        if (length >= 0 && length <= MAX_BODY_BYTES) {
            body = new byte[(int) length];
            int read = in.readNBytes(body, 0, body.length);
            if (read < body.length) {
                throw new HttpResponseException(400, "the request body is shorter than its Content-Length");
            }
        } else {
            body = in.readNBytes((int) MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new HttpResponseException(413, "request body over 1 MiB");
        }
        return body;
    }

    /**
     * Slack's signature, {@code v0=} and the hex of HMAC-SHA256("v0:timestamp:body"), with one {@link Mac} per thread:
     * Bolt's own generator makes a Mac and formats each byte with {@code String.format} on every call.
     */
    private static final class Signatures {
        private final ThreadLocal<Mac> macs;

        Signatures(String secret) {
            SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(key);
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("this JVM cannot compute HMAC-SHA256: " + e, e);
                }
            });
        }

        /** The signature's ASCII bytes. */
        byte[] of(String timestamp, byte[] body) {
            Mac mac = macs.get();
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return ("v0=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.headerMap().keySet()) {
            headers.put(name, List.copyOf(java.util.Collections.list(ctx.req().getHeaders(name))));
        }
        return headers;
    }
}
