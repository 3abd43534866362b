package app.pompier.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds the class-data archive a restart maps instead of loading and checking its classes one by one
 * ({@code target/pompier.jsa}, made by {@code mvn package}): starts the packaged jar with
 * {@code -XX:ArchiveClassesAtExit} against a fake Slack, sends it what a working day sends (messages in a watched
 * channel, a mention, a click, a slash command), and stops it; the JVM writes the archive as it exits.
 *
 * <p>The archive only holds for the JVM that wrote it and for this very jar: started with
 * {@code -XX:SharedArchiveFile=target/pompier.jsa}, another JVM or a rebuilt jar warns once and starts without it.
 * Training is an optimisation: when it fails, the build goes on, and says why.
 *
 * <p>Arguments: the jar, the archive to write.
 */
public final class ClassArchiveTraining {
    private static final String SECRET = "training";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path archive = Path.of(args[1]);
        try {
            train(jar, archive);
            System.out.printf("class-data archive %s written (%,d KB): start with"
                    + " java -XX:SharedArchiveFile=%s -jar %s%n", archive, Files.size(archive) / 1024, archive, jar);
        } catch (Exception e) {
            System.out.println("[WARNING] no class-data archive (" + e + "); Pompier starts without one, slower");
        }
        // The fake Slack's pools would keep this JVM, and the build, waiting.
        System.exit(0);
    }

    private static void train(Path jar, Path archive) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built");
        }
        Files.deleteIfExists(archive);
        Path folder = Files.createTempDirectory("pompier-training");
        Files.writeString(folder.resolve("pompier.yaml"), "channels: { watch: [C0TRAIN01] }\n");
        try (FakeSlack slack = FakeSlack.start().channel("C0TRAIN01", "training")) {
            int port;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(), "-Dfile.encoding=UTF-8",
                    "-jar", jar.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("pompier.log").toFile());
            builder.environment().put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
            builder.environment().put("SLACK_SIGNING_SECRET", SECRET);
            builder.environment().put("SLACK_API_URL", slack.apiUrl());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("POMPIER_DB", folder.resolve("training.db").toString());
            builder.environment().put("POMPIER_CONFIG", folder.resolve("pompier.yaml").toString());
            Process pompier = builder.start();
            try {
                SignedRequests requests = new SignedRequests(port, SECRET, Clock.systemUTC());
                awaitReady(requests, pompier);
                for (int i = 1; i <= 30; i++) {
                    requests.event(SlackPayloads.callback("EvTrain" + i, SlackPayloads.message("C0TRAIN01", "UTRAIN1",
                            SlackPayloads.ts(i), "training report " + i + ": the invoice screen fails")));
                }
                requests.event(SlackPayloads.callback("EvTrainMention", SlackPayloads.mention("C0TRAIN01", "UTRAIN1",
                        SlackPayloads.ts(100), null, "<@UPOMPIER1> exports are down")));
                requests.interaction(SlackPayloads.buttonClick("UTRAIN1", "C0TRAIN01", SlackPayloads.ts(1),
                        "qualify", "1"));
                requests.command(SlackPayloads.slashCommand("UTRAIN1", "C0TRAIN01", "/ticket", "list"));
            } finally {
                pompier.destroy();
                if (!pompier.waitFor(60, TimeUnit.SECONDS)) {
                    pompier.destroyForcibly();
                    throw new IllegalStateException("the training run did not stop within 60 s");
                }
            }
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run ended without writing " + archive
                    + "; its log is in " + folder);
        }
    }

    private static void awaitReady(SignedRequests requests, Process pompier) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!pompier.isAlive()) {
                throw new IllegalStateException("the training run stopped at start (exit " + pompier.exitValue() + ")");
            }
            try {
                if (requests.get("/readyz").statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the training run was not ready within 60 s");
    }

    private ClassArchiveTraining() {
    }
}
