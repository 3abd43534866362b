package app.pompier.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.Slack;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's requests over Socket Mode: Pompier opens a WebSocket to Slack (no public URL needed) and receives
 * events, interactions and slash commands over it, each in an envelope it acks with the envelope's id and,
 * for commands and dialogs, the listener's answer as payload. The same {@link SlackRequests} runs them as
 * for HTTP, so exactly-once and the 3-second ack hold alike: a request whose store write failed is not
 * acked, and Slack delivers it again.
 *
 * <p>Slack sends {@code disconnect} before it rotates a connection; the SDK's client then opens a new one
 * before closing the old. A connection that drops is Pompier's to notice: its probe pings the connection
 * every {@code checkEvery}, tells {@code /readyz} through {@link #connected()}, and after two missed checks
 * asks Slack for a new URL and connects, backing off while Slack does not answer. The SDK's own session
 * monitor is off, so that two reconnecting hands never open two connections for one drop.
 */
public final class SocketModeConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An ack Slack receives after 3 s is a lost ack; trying longer than this only sends it into a retry. */
    private static final long ACK_TRIES_FOR_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long MAX_RECONNECT_WAIT_MILLIS = Duration.ofMinutes(1).toMillis();

    /** Slack refused the app-level token or Socket Mode; start-up stops with what to fix. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final SlackRequests requests;
    private final SocketModeRequestParser parser;
    private final ExecutorService handlers;
    private final ScheduledExecutorService probe;
    private final SocketModeClient client;
    private final long checkEveryMillis;
    private volatile boolean connected;
    private volatile boolean closing;
    /** Touched by the probe's single thread only. */
    private int missedChecks;
    private int failedReconnects;
    private long nextReconnectMillis;

    private SocketModeConnection(SlackRequests requests, Slack slack, String appToken, String url,
                                 Duration checkEvery) throws URISyntaxException {
        this.requests = requests;
        this.checkEveryMillis = checkEvery.toMillis();
        this.parser = new SocketModeRequestParser(requests.app().config());
        AtomicInteger n = new AtomicInteger();
        this.handlers = Executors.newFixedThreadPool(16, r -> daemon(r, "pompier-socket-mode-" + n.incrementAndGet()));
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pompier-socket-mode-probe"));
        Arrival arrival = new Arrival();
        // The SDK's own processor polls its queue one message per 10 ms on a single thread: messages are handed to
        // Pompier's pool as they arrive instead, so that one slow listener does not hold up the others.
        this.client = new SocketModeClientJavaWSImpl(slack, appToken, url, 1, arrival, true, false, 0);
        arrival.client = client;
        client.addWebSocketMessageListener(this::received);
        client.addWebSocketCloseListener((code, reason) -> {
            if (!closing) {
                // Also called for the old connection of a rotation, once the new one is open: the check says which.
                log.info("a Socket Mode connection closed (code {}, {})", code, reason);
                probe.execute(this::checkConnection);
            }
        });
        client.addWebSocketErrorListener(e -> log.warn("Socket Mode connection error: {}", e.toString()));
        probe.scheduleWithFixedDelay(this::checkConnection, checkEveryMillis, checkEveryMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Asks Slack for a Socket Mode URL with the app-level token (so a wrong token stops the start, not the first
     * request), then connects; Slack's "hello" says the connection is ready.
     */
    public static SocketModeConnection open(Slack slack, String appToken, SlackRequests requests,
                                            Duration checkEvery) {
        AppsConnectionsOpenResponse opened;
        try {
            opened = slack.methods().appsConnectionsOpen(r -> r.token(appToken));
        } catch (IOException | SlackApiException e) {
            throw new SlackUnavailableException("apps.connections.open", e.getMessage(), e);
        }
        if (!opened.isOk()) {
            throw new Refused(refusal(opened.getError()));
        }
        try {
            SocketModeConnection connection = new SocketModeConnection(requests, slack, appToken, opened.getUrl(),
                    checkEvery);
            connection.client.connect();
            return connection;
        } catch (URISyntaxException | IOException e) {
            throw new Refused("Slack answered a Socket Mode URL Pompier cannot connect to (" + opened.getUrl() + "): "
                    + e.getMessage());
        }
    }

    private static String refusal(String error) {
        return switch (String.valueOf(error)) {
            case "invalid_auth", "not_authed", "token_revoked", "account_inactive" -> "Slack refused SLACK_APP_TOKEN ("
                    + error + "); generate a new app-level token with the connections:write scope in your Slack app's"
                    + " 'Basic Information' page, under 'App-Level Tokens'";
            case "not_allowed_token_type" -> "SLACK_APP_TOKEN is not an app-level token (" + error + "); it must be"
                    + " the xapp-… token from 'Basic Information' > 'App-Level Tokens', not the bot token";
            case "missing_scope" -> "SLACK_APP_TOKEN lacks the connections:write scope; add it to the app-level token"
                    + " in your Slack app's 'Basic Information' page";
            default -> "Slack refused to open a Socket Mode connection (" + error + "); check that Socket Mode is"
                    + " enabled in your Slack app's 'Socket Mode' page and that SLACK_APP_TOKEN has connections:write";
        };
    }

    /** Whether a connection to Slack is open and answered its last ping or said hello. */
    public boolean connected() {
        return connected;
    }

    /**
     * One miss may be a connection still in its handshake (after a rotation, or the probe's own reconnect):
     * only a second one in a row reconnects.
     */
    private void checkConnection() {
        if (closing) {
            return;
        }
        if (client.verifyConnection()) {
            connected = true;
            missedChecks = 0;
            return;
        }
        connected = false;
        missedChecks++;
        long now = System.currentTimeMillis();
        if (missedChecks < 2 || now < nextReconnectMillis) {
            return;
        }
        try {
            log.info("the Socket Mode connection is down; asking Slack for a new one");
            client.connectToNewEndpoint();
            missedChecks = 0;
            failedReconnects = 0;
        } catch (IOException | RuntimeException e) {
            failedReconnects++;
            long wait = Math.min(MAX_RECONNECT_WAIT_MILLIS, checkEveryMillis << Math.min(failedReconnects, 10));
            nextReconnectMillis = now + wait;
            log.warn("could not reconnect to Slack's Socket Mode ({}); trying again in {} ms", e.toString(), wait);
        }
    }

    private void received(String message) {
        long receivedNanos = System.nanoTime();
        SocketModeRequest request;
        try {
            request = parser.parse(message);
        } catch (RuntimeException e) {
            log.warn("a Socket Mode message could not be read: {}", e.toString());
            requests.refused("socket_mode", "unparsable");
            return;
        }
        if (request == null) {
            // Not an envelope: "hello" says a connection is ready ("disconnect" never gets here: the SDK acts on it).
            if (isHello(message)) {
                connected = true;
                log.info("Slack said hello on the Socket Mode connection");
            }
            return;
        }
        String envelopeId = request.getEnvelope().getEnvelopeId();
        if (request.getBoltRequest() == null) {
            // An envelope type Pompier does not know yet: acked, or Slack would deliver it again and again.
            requests.refused("socket_mode", "unknown_envelope");
            ack(envelopeId, null);
            return;
        }
        SlackRequests.Outcome outcome = requests.run(request.getBoltRequest(), "socket_mode", receivedNanos);
        if (outcome instanceof SlackRequests.Outcome.Answered answered) {
            ack(envelopeId, answered.response());
        } else if (outcome instanceof SlackRequests.Outcome.CannotHandle) {
            ack(envelopeId, null);
        }
        // RetryLater: no ack, so Slack delivers the envelope again (with retry_attempt) once the store is back.
    }

    private static boolean isHello(String message) {
        try {
            return "hello".equals(JSON.readTree(message).path("type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Acks an envelope, with the listener's answer as payload when it has one (a command's reply, view errors). */
    private void ack(String envelopeId, Response response) {
        ObjectNode ack = JSON.createObjectNode().put("envelope_id", envelopeId);
        if (response != null && response.getBody() != null && !response.getBody().isEmpty()) {
            String contentType = String.valueOf(response.getContentType());
            if (contentType.startsWith("application/json")) {
                try {
                    JsonNode payload = JSON.readTree(response.getBody());
                    ack.set("payload", payload);
                } catch (IOException e) {
                    ack.putObject("payload").put("text", response.getBody());
                }
            } else {
                ack.putObject("payload").put("text", response.getBody());
            }
        }
        String text = ack.toString();
        long deadline = System.nanoTime() + ACK_TRIES_FOR_NANOS;
        while (true) {
            try {
                client.sendSocketModeResponse(text);
                return;
            } catch (RuntimeException e) {
                // Between a "disconnect" and the new connection's handshake there is nowhere to send it yet.
                if (System.nanoTime() > deadline) {
                    log.warn("could not ack Socket Mode envelope {} ({}); Slack will deliver it again", envelopeId,
                            e.toString());
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        connected = false;
        probe.shutdownNow();
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            log.warn("closing the Socket Mode connection: {}", e.toString());
        }
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(10, TimeUnit.SECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The SDK's queue, turned into a hand-over: each message goes to Pompier's pool as it arrives. */
    private final class Arrival implements SocketModeMessageQueue {
        volatile SocketModeClient client;

        @Override
        public void add(String message) {
            try {
                handlers.execute(() -> {
                    try {
                        client.processMessage(message);
                    } catch (IOException | RuntimeException e) {
                        log.warn("a Socket Mode message failed: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                // Shutting down: not acked, so Slack delivers it again to whoever is up.
                log.info("a Socket Mode message arrived while shutting down; Slack will deliver it again");
            }
        }

        @Override
        public String poll() {
            return null;
        }
    }
}
