package app.pompier.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Slack's side of Socket Mode, on a local WebSocket server: says hello to each connection, sends envelopes
 * ({@code events_api}, {@code interactive}, {@code slash_commands}) the way Slack does, records each ack by
 * envelope id, and sends {@code disconnect} or drops a connection when a test asks.
 * {@link FakeSlack#socketMode} makes {@code apps.connections.open} answer its URL.
 */
public final class FakeSocketMode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final List<WebSocket> opened = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> acks = new ConcurrentHashMap<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    private FakeSocketMode() throws InterruptedException {
        this.server = new Server();
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start");
        }
    }

    public static FakeSocketMode start() {
        try {
            return new FakeSocketMode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The URL {@code apps.connections.open} answers, as Slack's {@code wss://wss-primary.slack.com/link/?ticket=…}. */
    public String url() {
        return "ws://127.0.0.1:" + server.getPort() + "/link/?ticket=" + UUID.randomUUID() + "&app_id=A0POMPIER";
    }

    /** How many connections Pompier opened so far. */
    public int connections() {
        return opened.size();
    }

    public void awaitConnections(int count) {
        await(() -> opened.size() >= count && opened.get(count - 1).isOpen(),
                () -> "expected " + count + " Socket Mode connection(s), got " + opened.size());
    }

    /** An Events API callback in an {@code events_api} envelope; returns the envelope id. */
    public String event(String callbackJson) {
        return send("events_api", callbackJson, false, null);
    }

    /** The same callback again, as Slack redelivers an envelope that was not acked. */
    public String retriedEvent(String callbackJson, int retryAttempt) {
        return send("events_api", callbackJson, false, retryAttempt);
    }

    /** A button click, shortcut or view submission in an {@code interactive} envelope. */
    public String interaction(String payloadJson) {
        return send("interactive", payloadJson, true, null);
    }

    /** A slash command; Socket Mode sends its fields as a JSON object, not a form. */
    public String command(Map<String, String> form) {
        ObjectNode payload = JSON.createObjectNode();
        form.forEach(payload::put);
        return send("slash_commands", payload.toString(), true, null);
    }

    private String send(String type, String payloadJson, boolean acceptsResponsePayload, Integer retryAttempt) {
        String id = UUID.randomUUID().toString();
        try {
            ObjectNode envelope = JSON.createObjectNode().put("envelope_id", id).put("type", type)
                    .put("accepts_response_payload", acceptsResponsePayload);
            envelope.set("payload", JSON.readTree(payloadJson));
            if (retryAttempt != null) {
                envelope.put("retry_attempt", retryAttempt).put("retry_reason", "timeout");
            } else {
                envelope.put("retry_attempt", 0).put("retry_reason", "");
            }
            current().send(envelope.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return id;
    }

    /** Tells Pompier the connection is about to be refreshed, as Slack does every few hours. */
    public void disconnect() {
        current().send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
    }

    /** Cuts the current connection without a word, as a network failure would. */
    public void drop() {
        current().closeConnection(1006, "connection lost");
    }

    private WebSocket current() {
        await(() -> !opened.isEmpty() && opened.get(opened.size() - 1).isOpen(), () -> "no open connection");
        return opened.get(opened.size() - 1);
    }

    /** Waits for the ack of envelope {@code id}; fails after 10 s. */
    public JsonNode awaitAck(String id) {
        await(() -> acks.containsKey(id), () -> "no ack for envelope " + id + "; acks: " + acks.keySet());
        return acks.get(id).get(0);
    }

    /** How many times envelope {@code id} was acked. */
    public int acksOf(String id) {
        List<JsonNode> got = acks.get(id);
        return got == null ? 0 : got.size();
    }

    /** Messages from Pompier that were not acks Slack would understand. */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            opened.add(conn);
            conn.send("{\"type\":\"hello\",\"num_connections\":" + opened.size()
                    + ",\"debug_info\":{\"host\":\"fake\"},\"connection_info\":{\"app_id\":\"A0POMPIER\"}}");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                JsonNode ack = JSON.readTree(message);
                String id = ack.path("envelope_id").asText(null);
                if (id == null) {
                    unreadable.add(message);
                    return;
                }
                acks.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(ack);
            } catch (IOException e) {
                unreadable.add(message);
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** Every ack received, for a failing test's message. */
    public List<String> allAcks() {
        List<String> all = new ArrayList<>();
        acks.forEach((id, list) -> list.forEach(a -> all.add(a.toString())));
        return all;
    }
}
