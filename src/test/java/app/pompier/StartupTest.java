package app.pompier;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupTest {
    @TempDir
    Path folder;
    final FakeSlack slack = FakeSlack.start();

    @AfterEach
    void stop() {
        slack.close();
    }

    Map<String, String> env(String yaml) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
        env.put("SLACK_SIGNING_SECRET", "secret");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", "0");
        env.put("POMPIER_WARMUP_SECONDS", "0");
        env.put("POMPIER_DB", folder.resolve("p.db").toString());
        Path config = folder.resolve("pompier.yaml");
        Files.writeString(config, yaml);
        env.put("POMPIER_CONFIG", config.toString());
        return env;
    }

    String failure(Map<String, String> env) {
        return assertThrows(StartupException.class, () -> Pompier.start(Config.load(env), Clock.systemUTC()))
                .getMessage();
    }

    @Test
    void a_token_slack_rejects_stops_the_start() throws Exception {
        Map<String, String> env = env("");
        env.put("SLACK_BOT_TOKEN", "xoxb-revoked");
        String message = failure(env);
        assertTrue(message.contains("Slack refused SLACK_BOT_TOKEN"), message);
        assertTrue(message.contains("invalid_auth"), message);
    }

    @Test
    void a_watched_channel_slack_does_not_know_stops_the_start() throws Exception {
        slack.channel("C0SUPPORT", "support-crm");
        String message = failure(env("channels: { watch: [support-crm, support-erp] }\n"));
        assertTrue(message.contains("[support-erp]"), message);
        assertTrue(message.contains("/invite @Pompier"), message);
    }

    @Test
    void an_unreachable_slack_stops_the_start_naming_the_url() throws Exception {
        slack.answerAlways("auth.test", Answer.serverError());
        Map<String, String> env = env("");
        String message = failure(env);
        assertTrue(message.contains("SLACK_API_URL=" + slack.apiUrl()), message);
    }

    @Test
    void a_port_already_taken_stops_the_start_naming_it() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Map<String, String> env = env("");
            env.put("PORT", String.valueOf(taken.getLocalPort()));
            String message = failure(env);
            assertTrue(message.contains("cannot listen on PORT=" + taken.getLocalPort()), message);
            assertTrue(message.contains("choose a free port"), message);
        }
    }

    @Test
    void a_database_in_a_missing_folder_stops_the_start_naming_the_variable() throws Exception {
        Map<String, String> env = env("");
        env.put("POMPIER_DB", folder.resolve("missing/sub/p.db").toString());
        String message = failure(env);
        assertTrue(message.contains("POMPIER_DB"), message);
    }

    @Test
    void a_database_file_that_is_not_sqlite_stops_the_start() throws Exception {
        Map<String, String> env = env("");
        Files.writeString(folder.resolve("p.db"), "this is not a database, just a text file".repeat(50));
        String message = failure(env);
        assertTrue(message.contains("cannot open or migrate the database"), message);
    }

    @Test
    void the_process_exits_with_a_message_naming_the_missing_variable() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.pompier.Pompier").redirectErrorStream(true);
        builder.environment().remove("SLACK_BOT_TOKEN");
        builder.environment().remove("SLACK_SIGNING_SECRET");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.waitFor());
        assertTrue(output.contains("SLACK_BOT_TOKEN is not set"), output);
        assertTrue(output.contains("SLACK_SIGNING_SECRET is not set"), output);
    }
}
