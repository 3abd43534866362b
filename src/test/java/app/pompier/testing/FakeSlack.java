package app.pompier.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Slack's Web API as a local HTTP server: records every call with its arguments and answers the way Slack
 * does, including {@code ok:false} and 429 with {@code Retry-After} when a test asks for them. A message, a view
 * or a topic that breaks one of Slack's limits ({@link BlockKitLimits}) is refused as Slack refuses it, and
 * recorded all the same.
 */
public final class FakeSlack implements AutoCloseable {
    public static final String TOKEN = "xoxb-test-token";
    /** The parameter the fake adds to a chat.postMessage it refuses with 429 for the channel's limit. */
    public static final String RATELIMITED = "__ratelimited";
    public static final String TEAM = "T0TEAM001";
    public static final String BOT_USER = "UPOMPIER1";
    /** The app-level token Socket Mode connects with. */
    public static final String APP_TOKEN = "xapp-1-A0POMPIER-1-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One Web API call as Slack received it. */
    public record Call(String method, Map<String, String> params, String token, long receivedNanos,
                       java.time.Instant receivedAt) {
        public String param(String name) {
            return params.get(name);
        }

        public JsonNode json(String name) {
            try {
                return JSON.readTree(params.get(name));
            } catch (IOException e) {
                throw new AssertionError("param " + name + " is not JSON: " + params.get(name), e);
            }
        }
    }

    /** An HTTP answer: status, headers, JSON body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer ok(String json) {
            return new Answer(200, Map.of(), json);
        }

        public static Answer error(String code) {
            return new Answer(200, Map.of(), "{\"ok\":false,\"error\":\"" + code + "\"}");
        }

        public static Answer rateLimited(int retryAfterSeconds) {
            return new Answer(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
                    "{\"ok\":false,\"error\":\"ratelimited\"}");
        }

        public static Answer serverError() {
            return new Answer(500, Map.of(), "{\"ok\":false,\"error\":\"internal_error\"}");
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> nextAnswers = new ConcurrentHashMap<>();
    private final Map<String, Function<Call, Answer>> always = new ConcurrentHashMap<>();
    private final Map<String, String> channels = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> created = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger channelIds = new java.util.concurrent.atomic.AtomicInteger();
    private final Deque<Long> createTimes = new ConcurrentLinkedDeque<>();
    private final Map<String, double[]> postTokens = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger postsRefused = new java.util.concurrent.atomic.AtomicInteger();
    private volatile double postsPerSecond;
    private volatile int postBurst;
    private volatile int createsPerWindow = Integer.MAX_VALUE;
    private volatile Duration createWindow = Duration.ofMinutes(1);
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<String, String> userGroupHandles = new ConcurrentHashMap<>();
    private final Map<String, List<String>> userGroupMembers = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_800_000_000_000100L);

    private FakeSlack(HttpServer server) {
        this.server = server;
    }

    public static FakeSlack start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeSlack fake = new FakeSlack(server);
            server.createContext("/api/", fake::handle);
            server.createContext("/hooks/", fake::hook);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A slash command's response URL on this fake: what Pompier sends there is a call of "response_url". */
    public String responseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/commands/T0TEAM001/3/z";
    }

    /** A post to a response URL, recorded as a call of "response_url" with the JSON's fields as params. */
    private void hook(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        if (!body.isBlank()) {
            JSON.readTree(body).fields().forEachRemaining(e ->
                    params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        params.put("__path", exchange.getRequestURI().getPath());
        calls.add(new Call("response_url", Map.copyOf(params), null, System.nanoTime(), java.time.Instant.now()));
        byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
    }

    /** The next call of {@code method} gets this answer (answers queue up in order). */
    public FakeSlack answerNext(String method, Answer answer) {
        nextAnswers.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(answer);
        return this;
    }

    /**
     * The next call that matches is done as usual (a post is in its thread), but answered {@code answer}:
     * Slack did it and the answer was lost (a 5xx from a proxy, a timeout).
     */
    public FakeSlack doneButAnsweredOnce(java.util.function.Predicate<Call> matching, Answer answer) {
        lostAnswers.add(new LostAnswer(matching, answer, true, false));
        return this;
    }

    /**
     * The next call that matches is answered {@code answer} and done only when the next call of its method comes,
     * just before that one: a post stuck on its way (its sender frozen mid-send) that lands after a later look.
     */
    public FakeSlack landsLate(java.util.function.Predicate<Call> matching, Answer answer) {
        lostAnswers.add(new LostAnswer(matching, answer, false, true));
        return this;
    }

    /** The next call that matches is not done, and answered {@code answer}. */
    public FakeSlack refusedOnce(java.util.function.Predicate<Call> matching, Answer answer) {
        lostAnswers.add(new LostAnswer(matching, answer, false, false));
        return this;
    }

    private record LostAnswer(java.util.function.Predicate<Call> matching, Answer answer, boolean done,
                              boolean late) {
    }

    /** Calls on their way, done when the next call of their method comes. */
    private final java.util.Queue<Call> landingLate = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final List<LostAnswer> lostAnswers = new CopyOnWriteArrayList<>();

    /** Every call of {@code method} gets this answer until the test says otherwise (null: Slack's usual answer). */
    public FakeSlack answerAlways(String method, Answer answer) {
        if (answer == null) {
            always.remove(method);
        } else {
            always.put(method, c -> answer);
        }
        return this;
    }

    private volatile FakeSocketMode socketMode;

    /** {@code apps.connections.open} answers a URL of this fake Socket Mode server. */
    public FakeSlack socketMode(FakeSocketMode server) {
        this.socketMode = server;
        return this;
    }

    public FakeSlack channel(String id, String name) {
        channels.put(id, name);
        return this;
    }

    private final Map<String, String> privateChannels = new ConcurrentHashMap<>();
    private final java.util.Set<String> users = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> usersWhoLeft = ConcurrentHashMap.newKeySet();

    /** People of the workspace, as users.info knows them (members of the user groups and Pompier are known too). */
    public FakeSlack users(String... ids) {
        users.addAll(List.of(ids));
        return this;
    }

    private final Map<String, String> locales = new ConcurrentHashMap<>();

    /** Someone who reads Slack in {@code locale} ({@code fr-FR}); users.info says so when asked with include_locale. */
    public FakeSlack locale(String id, String locale) {
        users.add(id);
        locales.put(id, locale);
        return this;
    }

    /** Someone whose account was deactivated: users.info still finds them, marked deleted. */
    public FakeSlack userWhoLeft(String id) {
        usersWhoLeft.add(id);
        return this;
    }

    /** A private channel Pompier is in (a modern one: its id starts with C like a public one's). */
    public FakeSlack privateChannel(String id, String name) {
        privateChannels.put(id, name);
        return this;
    }

    /**
     * Enforces a rate limit on {@code conversations.create} as Slack does for Tier 2 (about 20 a minute):
     * beyond {@code perWindow} calls in {@code window}, a 429 with Retry-After.
     */
    public FakeSlack limitChannelCreation(int perWindow, Duration window) {
        this.createsPerWindow = perWindow;
        this.createWindow = window;
        return this;
    }

    /**
     * Holds chat.postMessage to what Slack accepts in one channel: a burst of {@code burst}, then
     * {@code perSecond}; beyond, a 429 with Retry-After (the post is not made).
     */
    public FakeSlack limitPostsPerChannel(double perSecond, int burst) {
        this.postsPerSecond = perSecond;
        this.postBurst = burst;
        return this;
    }

    /** chat.postMessage calls answered 429 by the per-channel limit. */
    public int postsRefused() {
        return postsRefused.get();
    }

    /** Takes a post token of the channel; false when the channel is over its limit. */
    private boolean mayPost(String channel) {
        if (postsPerSecond <= 0 || channel == null) {
            return true;
        }
        synchronized (postTokens) {
            long now = System.nanoTime();
            double[] bucket = postTokens.computeIfAbsent(channel, c -> new double[]{postBurst, now});
            bucket[0] = Math.min(postBurst, bucket[0] + (now - (long) bucket[1]) * postsPerSecond / 1e9);
            bucket[1] = now;
            if (bucket[0] < 1) {
                postsRefused.incrementAndGet();
                return false;
            }
            bucket[0] -= 1;
            return true;
        }
    }

    /** Channels created through conversations.create, in order, by name. */
    public List<String> createdChannels() {
        return calls("conversations.create").stream()
                .filter(c -> created.containsKey(c.param("name")) && c.param("__ok") == null)
                .map(c -> c.param("name")).distinct().toList();
    }

    public String channelIdNamed(String name) {
        ObjectNode c = created.get(name);
        return c == null ? null : c.get("id").asText();
    }

    /** A user group (id, handle) and its members. */
    public FakeSlack userGroup(String id, String handle, String... members) {
        userGroupHandles.put(id, handle);
        userGroupMembers.put(id, List.of(members));
        return this;
    }

    /** A message Slack knows, as {@code conversations.replies} returns it. */
    public FakeSlack message(String channel, String ts, String user, String text, String threadTs) {
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("user", user).put("text", text)
                .put("ts", ts);
        if (threadTs != null) {
            m.put("thread_ts", threadTs);
        }
        messages.put(channel + "/" + ts, m);
        return this;
    }

    /** Replies posted in each thread ({@code channel/thread_ts}), oldest first, as Slack keeps them. */
    private final Map<String, List<ObjectNode>> threads = new ConcurrentHashMap<>();

    /** What Slack holds in a thread: the replies posted there, oldest first. */
    public List<JsonNode> thread(String channel, String threadTs) {
        List<ObjectNode> replies = threads.getOrDefault(channel + "/" + threadTs, List.of());
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    /** Whether a call asked for messages with their metadata ({@code include_all_metadata}). */
    public static boolean withMetadata(Call call) {
        return "true".equals(call.param("include_all_metadata")) || "1".equals(call.param("include_all_metadata"));
    }

    /** Messages posted at the top of each channel, newest first, as conversations.history gives them. */
    private final Map<String, List<ObjectNode>> histories = new ConcurrentHashMap<>();

    /** What Slack holds at the top of a channel: the messages posted there (not in threads), newest first. */
    public List<JsonNode> history(String channel) {
        List<ObjectNode> messages = histories.getOrDefault(channel, List.of());
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private void remember(Call call, String ts) {
        String threadTs = call.param("thread_ts");
        boolean inThread = threadTs != null && !threadTs.isEmpty();
        ObjectNode m = JSON.createObjectNode().put("type", "message").put("bot_id", "BPOMPIER1")
                .put("user", BOT_USER).put("text", call.param("text")).put("ts", ts);
        if (inThread) {
            m.put("thread_ts", threadTs);
        }
        if (call.param("metadata") != null) {
            m.set("metadata", call.json("metadata"));
        }
        List<ObjectNode> kept = inThread
                ? threads.computeIfAbsent(call.param("channel") + "/" + threadTs, k -> new ArrayList<>())
                : histories.computeIfAbsent(call.param("channel"), k -> new ArrayList<>());
        synchronized (kept) {
            if (inThread) {
                kept.add(m);
            } else {
                kept.add(0, m);
            }
        }
    }

    /** A person deletes a message: it leaves its thread or its channel's history. */
    public FakeSlack deletedByAPerson(String channel, String ts) {
        forget(channel, ts);
        return this;
    }

    /** Removes a message from its thread or its channel's history; whether there was one with that ts there. */
    private boolean forget(String channel, String ts) {
        List<ObjectNode> top = histories.get(channel);
        if (top != null) {
            synchronized (top) {
                if (top.removeIf(m -> ts.equals(m.path("ts").asText()))) {
                    return true;
                }
            }
        }
        for (var thread : threads.entrySet()) {
            if (!thread.getKey().startsWith(channel + "/")) {
                continue;
            }
            List<ObjectNode> replies = thread.getValue();
            synchronized (replies) {
                if (replies.removeIf(m -> ts.equals(m.path("ts").asText()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private volatile boolean recording = true;

    /** For benches: calls go to the listener only, and threads are not kept, so a long run holds nothing. */
    public FakeSlack onCall(java.util.function.Consumer<Call> listener, boolean keepRecording) {
        listeners.add(listener);
        recording = keepRecording;
        return this;
    }

    private final List<Call> refusedForLimits = new CopyOnWriteArrayList<>();

    /** Calls refused because they broke one of Slack's limits; a test expects none. */
    public List<Call> refusedForLimits() {
        return List.copyOf(refusedForLimits);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits until {@code method} was called at least {@code count} times; fails the test after 10 s. */
    public List<Call> await(String method, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> found = calls(method);
            if (found.size() >= count) {
                return found;
            }
            sleep(5);
        }
        throw new AssertionError("expected " + count + " call(s) of " + method + ", got " + calls(method).size()
                + "; all calls: " + calls.stream().map(Call::method).toList());
    }

    /** Waits for a call of {@code method} that matches; fails the test after 10 s. */
    public Call awaitMatching(String method, java.util.function.Predicate<Call> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var found = calls(method).stream().filter(matching).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep(5);
        }
        throw new AssertionError("no matching call of " + method + "; calls: " + calls(method));
    }

    /** Lets asynchronous work settle, then checks nothing more arrives. */
    public void quietFor(Duration duration) {
        sleep(duration.toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/json")) {
            JSON.readTree(body).fields().forEachRemaining(e ->
                    params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        } else if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        if (method.equals("chat.postMessage") && !mayPost(params.get("channel"))) {
            // Decided before listeners see the call, so that they can tell a post Slack refused.
            params.put(RATELIMITED, "true");
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
        Call call = new Call(method, Map.copyOf(params), token, System.nanoTime(), java.time.Instant.now());
        if (recording) {
            calls.add(call);
        }
        listeners.forEach(l -> l.accept(call));
        landingLate.removeIf(held -> held.method().equals(call.method()) && answer(held) != null);
        LostAnswer special = lostAnswers.stream().filter(l -> l.matching().test(call)).findFirst()
                .filter(lostAnswers::remove).orElse(null);
        if (special != null && special.late()) {
            landingLate.add(call);
        }
        Answer usual = special == null || special.done() ? answer(call) : null;
        Answer answer = special != null ? special.answer() : usual;
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Answer answer(Call call) {
        Deque<Answer> queued = nextAnswers.get(call.method());
        Answer next = queued == null ? null : queued.poll();
        if (next != null) {
            return next;
        }
        if (always.containsKey(call.method())) {
            return always.get(call.method()).apply(call);
        }
        if (call.method().equals("apps.connections.open")) {
            // As Slack: only an app-level token may open a connection, and only for an app with Socket Mode on.
            if (TOKEN.equals(call.token())) {
                return Answer.error("not_allowed_token_type");
            }
            if (!APP_TOKEN.equals(call.token())) {
                return Answer.error("invalid_auth");
            }
            return socketMode == null ? Answer.error("socket_mode_not_enabled")
                    : Answer.ok(JSON.createObjectNode().put("ok", true).put("url", socketMode.url()).toString());
        }
        if (!TOKEN.equals(call.token())) {
            return Answer.error("invalid_auth");
        }
        java.util.Optional<String> beyondLimits = BlockKitLimits.refusal(call.method(), call.params());
        if (beyondLimits.isPresent()) {
            refusedForLimits.add(call);
            return Answer.error(beyondLimits.get());
        }
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (call.method()) {
            case "auth.test" -> ok.put("url", "https://pompier-test.slack.com/").put("team", "Pompier Test")
                    .put("user", "pompier").put("team_id", TEAM).put("user_id", BOT_USER).put("bot_id", "BPOMPIER1");
            case "chat.postMessage" -> {
                if (call.param(RATELIMITED) != null) {
                    return Answer.rateLimited(1);
                }
                String ts = nextTs();
                ok.put("channel", call.param("channel")).put("ts", ts);
                if (recording) {
                    // A bench's long run keeps nothing, its threads included.
                    remember(call, ts);
                }
            }
            case "chat.update" -> ok.put("channel", call.param("channel")).put("ts", call.param("ts"));
            case "chat.delete" -> {
                // As Slack: the message leaves its thread; one that is not there is message_not_found.
                if (!forget(call.param("channel"), call.param("ts"))) {
                    return Answer.error("message_not_found");
                }
                ok.put("channel", call.param("channel")).put("ts", call.param("ts"));
            }
            case "chat.postEphemeral" -> ok.put("message_ts", nextTs());
            case "chat.getPermalink" -> ok.put("channel", call.param("channel")).put("permalink",
                    "https://pompier-test.slack.com/archives/" + call.param("channel") + "/p"
                            + call.param("message_ts").replace(".", ""));
            case "conversations.list" -> {
                ArrayNode list = ok.putArray("channels");
                channels.forEach((id, name) -> list.addObject().put("id", id).put("name", name));
                privateChannels.forEach((id, name) -> list.addObject().put("id", id).put("name", name)
                        .put("is_private", true));
                created.values().forEach(list::add);
                ok.putObject("response_metadata").put("next_cursor", "");
            }
            case "conversations.info" -> {
                String id = call.param("channel");
                ObjectNode channel = created.values().stream().filter(c -> c.get("id").asText().equals(id))
                        .findFirst().map(ObjectNode::deepCopy).orElse(null);
                if (channel == null && channels.containsKey(id)) {
                    channel = JSON.createObjectNode().put("id", id).put("name", channels.get(id));
                }
                if (channel == null && privateChannels.containsKey(id)) {
                    channel = JSON.createObjectNode().put("id", id).put("name", privateChannels.get(id))
                            .put("is_private", true);
                }
                if (channel == null && id != null && id.startsWith("D")) {
                    channel = JSON.createObjectNode().put("id", id).put("is_im", true).put("user", "UREPORTER");
                }
                if (channel == null) {
                    return Answer.error("channel_not_found");
                }
                boolean im = channel.path("is_im").asBoolean();
                channel.put("is_member", true).put("is_channel", !im).put("is_private", channel.path("is_private").asBoolean())
                        .put("is_im", im).put("is_mpim", false).put("is_archived", false);
                ok.set("channel", channel);
            }
            case "users.info" -> {
                String id = call.param("user");
                boolean inGroup = userGroupMembers.values().stream().anyMatch(m -> m.contains(id));
                if (!users.contains(id) && !usersWhoLeft.contains(id) && !inGroup && !BOT_USER.equals(id)) {
                    return Answer.error("user_not_found");
                }
                ok.putObject("user").put("id", id).put("team_id", TEAM).put("name", id.toLowerCase())
                        .put("deleted", usersWhoLeft.contains(id)).put("is_bot", BOT_USER.equals(id));
                if ("true".equals(call.param("include_locale")) || "1".equals(call.param("include_locale"))) {
                    ((ObjectNode) ok.get("user")).put("locale", locales.getOrDefault(id, "en-US"));
                }
            }
            case "conversations.replies" -> {
                String thread = call.param("channel") + "/" + call.param("ts");
                ObjectNode parent = messages.get(thread);
                List<ObjectNode> replies = threads.getOrDefault(thread, List.of());
                if (parent == null && replies.isEmpty()) {
                    return Answer.error("thread_not_found");
                }
                // As Slack does: metadata only when asked for with include_all_metadata.
                boolean withMetadata = withMetadata(call);
                ArrayNode list = ok.putArray("messages");
                if (parent != null) {
                    list.add(parent);
                }
                synchronized (replies) {
                    for (ObjectNode reply : replies) {
                        ObjectNode copy = reply.deepCopy();
                        if (!withMetadata) {
                            copy.remove("metadata");
                        }
                        list.add(copy);
                    }
                }
                ok.put("has_more", false);
                ok.putObject("response_metadata").put("next_cursor", "");
            }
            case "conversations.history" -> {
                List<ObjectNode> messages = histories.getOrDefault(call.param("channel"), List.of());
                ArrayNode list = ok.putArray("messages");
                synchronized (messages) {
                    for (ObjectNode message : messages) {
                        ObjectNode copy = message.deepCopy();
                        if (!withMetadata(call)) {
                            copy.remove("metadata");
                        }
                        list.add(copy);
                    }
                }
                ok.put("has_more", false);
                ok.putObject("response_metadata").put("next_cursor", "");
            }
            case "reactions.add", "conversations.invite", "conversations.setTopic", "pins.add",
                 "conversations.archive" -> {
            }
            case "bookmarks.add" -> ok.putObject("bookmark").put("id", "Bk" + nextTs());
            case "conversations.create" -> {
                synchronized (createTimes) {
                    long now = System.nanoTime();
                    while (!createTimes.isEmpty() && now - createTimes.peekFirst() > createWindow.toNanos()) {
                        createTimes.pollFirst();
                    }
                    if (createTimes.size() >= createsPerWindow) {
                        long waitNanos = createWindow.toNanos() - (now - createTimes.peekFirst());
                        return Answer.rateLimited((int) Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000));
                    }
                    String name = call.param("name");
                    if (created.containsKey(name) || channels.containsValue(name)) {
                        return Answer.error("name_taken");
                    }
                    createTimes.addLast(now);
                    ObjectNode channel = JSON.createObjectNode().put("id", "C0CELL" + channelIds.incrementAndGet())
                            .put("name", name).put("creator", BOT_USER)
                            .put("created", java.time.Instant.now().getEpochSecond());
                    created.put(name, channel);
                    ok.set("channel", channel);
                }
            }
            case "usergroups.list" -> {
                ArrayNode list = ok.putArray("usergroups");
                userGroupHandles.forEach((id, handle) -> list.addObject().put("id", id).put("handle", handle)
                        .put("team_id", TEAM));
            }
            case "usergroups.users.list" -> {
                List<String> members = userGroupMembers.get(call.param("usergroup"));
                if (members == null) {
                    return Answer.error("no_such_subteam");
                }
                ArrayNode users = ok.putArray("users");
                members.forEach(users::add);
            }
            case "views.open", "views.update", "views.push", "views.publish" -> ok.putObject("view").put("id", "V" + nextTs());
            default -> {
                return Answer.error("unknown_method");
            }
        }
        return Answer.ok(ok.toString());
    }

    private String nextTs() {
        long n = ts.incrementAndGet();
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static List<String> methods(List<Call> calls) {
        List<String> names = new ArrayList<>();
        calls.forEach(c -> names.add(c.method()));
        return names;
    }
}
