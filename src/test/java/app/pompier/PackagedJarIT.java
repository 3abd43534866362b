package app.pompier;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.SignedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar that ships, started as a process the way the README says (with its class-data archive), fed a signed event. */
class PackagedJarIT {
    @TempDir
    Path folder;
    final FakeSlack slack = FakeSlack.start().channel("C0SUPPORT", "support-crm");
    Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        slack.close();
    }

    @Test
    void the_packaged_jar_starts_becomes_ready_and_opens_a_ticket_from_a_signed_event() throws Exception {
        int port = freePort();
        Path config = folder.resolve("pompier.yaml");
        Files.writeString(config, "channels:\n  watch: [support-crm]\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The README's command. -Xshare:on, where the README lets the JVM go on without: the class-data archive mvn
        // package wrote must map, or the JVM refuses to start.
        ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:on", "-XX:SharedArchiveFile=target/pompier.jsa",
                "-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8", "-jar", "target/pompier.jar")
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("pompier.log").toFile());
        builder.environment().put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
        builder.environment().put("SLACK_SIGNING_SECRET", "it-secret");
        builder.environment().put("SLACK_API_URL", slack.apiUrl());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("POMPIER_DB", folder.resolve("pompier.db").toString());
        builder.environment().put("POMPIER_CONFIG", config.toString());
        process = builder.start();

        SignedRequests requests = new SignedRequests(port, "it-secret", Clock.systemUTC());
        awaitReady(requests);
        var response = requests.event(callback("EvIT1", message("C0SUPPORT", "UREPORTER",
                "1800000000.000100", "impossible de se connecter au portail")));

        assertEquals(200, response.statusCode());
        var card = slack.await("chat.postMessage", 1).get(0);
        assertTrue(card.json("blocks").toString().contains("INC-1"));
        assertEquals("1800000000.000100", card.param("thread_ts"));
    }

    private void awaitReady(SignedRequests requests) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Pompier exited: " + Files.readString(folder.resolve("pompier.log")));
            }
            try {
                if (requests.get("/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // the port opens last
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready after 30 s: " + Files.readString(folder.resolve("pompier.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
