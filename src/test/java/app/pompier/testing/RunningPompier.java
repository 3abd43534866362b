package app.pompier.testing;

import app.pompier.Config;
import app.pompier.Pompier;
import app.pompier.store.StoreLocation;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Pompier, started in this JVM against a fake Slack and a store of its own (a SQLite file in a temp folder,
 * or a PostgreSQL database when the test class runs {@link OnPostgres}), reached through signed HTTP requests.
 * {@link #restart()} keeps the store, as a process restart would.
 */
public final class RunningPompier implements AutoCloseable {
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** Background work looks for what is due often, so tests that move the clock see it at once. */
    static final Pompier.Tuning FAST = new Pompier.Tuning(Duration.ofMillis(100), Duration.ofMillis(25),
            Duration.ofMillis(1200), Duration.ofSeconds(12), Duration.ofMillis(500), Duration.ofMillis(200));

    private final FakeSlack slack;
    private final Path folder;
    private final Clock clock;
    private final String configYaml;
    private final Map<String, String> extraEnv;
    private final StoreLocation store;
    private final Jdbi jdbi;
    private Pompier pompier;
    private SignedRequests requests;

    public RunningPompier(FakeSlack slack, Path folder, Clock clock, String configYaml) {
        this(slack, folder, clock, configYaml, Map.of());
    }

    public RunningPompier(FakeSlack slack, Path folder, Clock clock, String configYaml, Map<String, String> extraEnv) {
        this.slack = slack;
        this.folder = folder;
        this.clock = clock;
        this.configYaml = configYaml;
        this.extraEnv = Map.copyOf(extraEnv);
        this.store = TestStore.fresh(folder, "pompier.db");
        this.jdbi = TestStore.jdbi(store);
        start();
    }

    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        // The fake takes any number of posts in a channel unless a test tells it to hold Slack's limit (and then
        // sets Pompier's pace back to Slack's with extraEnv).
        env.put("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1000");
        env.put("PORT", "0");
        // Tests start Pompier hundreds of times and time nothing: no warm-up.
        env.put("POMPIER_WARMUP_SECONDS", "0");
        env.put("POMPIER_DB", TestStore.env(store));
        try {
            Path config = folder.resolve("pompier.yaml");
            Files.writeString(config, configYaml);
            env.put("POMPIER_CONFIG", config.toString());
            env.putAll(extraEnv);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return env;
    }

    private void start() {
        pompier = Pompier.start(Config.load(env()), clock, FAST);
        requests = new SignedRequests(pompier.port(), SIGNING_SECRET, clock);
    }

    public void restart() {
        pompier.close();
        start();
    }

    /** Stops Pompier, as a crash or a deployment would; {@link #startAgain()} brings it back on the same file. */
    public void stop() {
        pompier.close();
    }

    public void startAgain() {
        start();
    }

    public int port() {
        return pompier.port();
    }

    public SignedRequests slackSends() {
        return requests;
    }

    /** The SQLite file (when the test runs on SQLite). */
    public Path database() {
        return folder.resolve("pompier.db");
    }

    public StoreLocation store() {
        return store;
    }

    /** Reads the store directly, as an operator would, to check what was stored. */
    public long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /**
     * Clicks a ticket card's Qualify button as {@code user} and returns the modal Slack was asked to open.
     */
    public com.fasterxml.jackson.databind.JsonNode openQualifyDialog(String user, String channel, String threadTs,
                                                                    String ticket) {
        int before = slack.calls("views.open").size();
        requests.interaction(SlackPayloads.buttonClick(user, channel, threadTs,
                app.pompier.ticket.slack.CardBlocks.QUALIFY_ACTION, ticket));
        return slack.await("views.open", before + 1).get(before).json("view");
    }

    /** Opens the qualification dialog and submits it with {@code form}, as the user would. */
    public java.net.http.HttpResponse<String> qualify(String user, String channel, String threadTs, String ticket,
                                                     String viewId, SlackPayloads.Form form) {
        var view = openQualifyDialog(user, channel, threadTs, ticket);
        return requests.interaction(SlackPayloads.viewSubmission(user, viewId,
                app.pompier.qualification.slack.QualificationDialog.CALLBACK_ID, view.path("private_metadata").asText(), form));
    }

    /** Waits until a count query gives {@code expected}; fails with the last count after 10 s. */
    public void awaitCount(String sql, long expected) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The count seen is the one checked: a state that was reached and then moved on (a ticket computed,
        // then routed and marked for computing again) was still reached.
        long seen = count(sql);
        while (System.nanoTime() < deadline && seen != expected) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            seen = count(sql);
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, seen, sql);
    }

    /** Rows of a query, for a failing test's message. */
    public String dump(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapToMap().list()).toString();
    }

    /** Changes the store directly, for states no Slack path reaches yet. */
    public void execute(String sql) {
        jdbi.useHandle(h -> h.execute(sql));
    }

    @Override
    public void close() {
        pompier.close();
    }
}
