package app.pompier.bench;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.SignedRequests;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Start-up as an operator sees it: {@code java -jar target/pompier.jar} (build it first with
 * {@code mvn -B -q package -DskipTests}) until {@code /readyz} answers 200, five times on a new database,
 * and the resident
 * memory of the idle process after 10 s; then restarts on an existing database (no migration to apply).
 */
final class StartupBench {
    private static final Path ARCHIVE = Path.of("target/pompier.jsa");
    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/pompier.jar");
        if (!Files.isRegularFile(jar)) {
            System.err.println("build the jar first: mvn -B -q package -DskipTests");
            System.exit(2);
        }
        // As the README starts it: with the class-data archive mvn package wrote, unless -Dbench.archive=false.
        boolean archived = Files.isRegularFile(ARCHIVE) && Boolean.parseBoolean(System.getProperty("bench.archive", "true"));
        System.out.println(archived ? "with the class-data archive " + ARCHIVE : "without a class-data archive");
        FakeSlack slack = FakeSlack.start();
        List<Long> millis = new ArrayList<>();
        List<Long> restarts = new ArrayList<>();
        long rssKb = -1;
        Path kept = Files.createTempDirectory("pompier-restart");
        for (int run = 0; run < 10; run++) {
            boolean fresh = run < 5;
            Path folder = fresh ? Files.createTempDirectory("pompier-startup") : kept;
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dfile.encoding=UTF-8"));
            // The JVM's own options, e.g. -Dbench.jvm="-Xlog:class+load:file=classes.log" to see what loads when.
            command.addAll(jvmOptions());
            if (archived) {
                command.add("-XX:SharedArchiveFile=" + ARCHIVE);
            }
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("log").toFile());
            builder.environment().put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
            builder.environment().put("SLACK_SIGNING_SECRET", "startup");
            builder.environment().put("SLACK_API_URL", slack.apiUrl());
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().put("POMPIER_DB", folder.resolve("p.db").toString());
            long start = System.nanoTime();
            Process process = builder.start();
            SignedRequests requests = new SignedRequests(port, "startup", Clock.systemUTC());
            while (true) {
                try {
                    if (requests.get("/readyz").statusCode() == 200) {
                        break;
                    }
                } catch (IllegalStateException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            (fresh ? millis : restarts).add((System.nanoTime() - start) / 1_000_000);
            if (run == 4 || run == 9) {
                Thread.sleep(10_000);
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rssKb = Math.max(rssKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            }
            process.destroy();
            process.waitFor();
        }
        slack.close();
        Collections.sort(millis);
        restarts.remove(0);
        Collections.sort(restarts);
        System.out.println();
        System.out.println("| figure | value | goal |");
        System.out.println("|---|---|---|");
        System.out.printf("| process start to /readyz 200, median / worst of 5 | %d ms / %d ms | < 3 s |%n",
                millis.get(2), millis.get(4));
        System.out.printf("| restart on an existing database, median / worst of 4 | %d ms / %d ms | < 3 s |%n",
                restarts.get(1), restarts.get(3));
        System.out.printf("| resident memory when idle, 10 s after ready (the higher of a new and an existing database;"
                + " default JVM heap settings) | %d MB | < 200 MB |%n", rssKb / 1024);
    }

    /** The README's own options unless -Dbench.jvm says others ({@code -Dbench.jvm=} for the JVM's defaults). */
    private static List<String> jvmOptions() {
        String options = System.getProperty("bench.jvm", "-XX:TieredStopAtLevel=1").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
