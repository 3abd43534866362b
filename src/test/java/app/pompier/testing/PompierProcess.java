package app.pompier.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Pompier as its own JVM, started from this test's class path with {@code app.pompier.Pompier}'s main, against a
 * fake Slack: what a deployment runs, killed as a host dies ({@link #kill()}).
 */
public final class PompierProcess implements AutoCloseable {
    public static final String SIGNING_SECRET = "process-secret";

    private final Path log;
    private final int port;
    private final Process process;
    private final SignedRequests requests;

    private PompierProcess(Path log, int port, Process process, SignedRequests requests) {
        this.log = log;
        this.port = port;
        this.process = process;
        this.requests = requests;
    }

    /**
     * Starts one on a free port, its output in {@code folder/<name>.log}.
     *
     * @param database what {@code POMPIER_DB} says
     * @param env      more of the environment ({@code POMPIER_INSTANCE}, ...)
     */
    public static PompierProcess start(Path folder, String name, FakeSlack slack, String database,
                                       Map<String, String> env) throws IOException {
        int port = freePort();
        Path log = folder.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-cp",
                classPath(), "app.pompier.Pompier")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> all = new HashMap<>();
        all.put("SLACK_BOT_TOKEN", FakeSlack.TOKEN);
        all.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        all.put("SLACK_API_URL", slack.apiUrl());
        // The fake does not hold Slack's one post a second per channel; neither need Pompier here.
        all.put("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1000");
        all.put("PORT", String.valueOf(port));
        all.put("POMPIER_DB", database);
        all.put("POMPIER_CONFIG", folder.resolve("pompier.yaml").toString());
        all.putAll(env);
        builder.environment().putAll(all);
        return new PompierProcess(log, port, builder.start(), new SignedRequests(port, SIGNING_SECRET, Clock.systemUTC()));
    }

    public int port() {
        return port;
    }

    public SignedRequests requests() {
        return requests;
    }

    /** Waits until {@code /readyz} answers 200; fails with the process's output after 30 s. */
    public PompierProcess awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (requests.get("/readyz").statusCode() == 200) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not ready: " + output());
    }

    /** Kills it as a lost host would: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Freezes it as a hung host, a paused VM or container, or a long GC pause would ({@code SIGSTOP}): its TCP
     * connections stay open and the kernel keeps answering for them, so neither the database nor the other replicas
     * see it die.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Wakes a frozen one up ({@code SIGCONT}): it goes on where it stopped, unaware of the time it lost. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for it to end; whether it did within {@code seconds}. */
    public boolean awaitEnd(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** This test's class path: the JVM's, or, under Maven's exec:java (a bench), the project's class loader's. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader project) {
            StringBuilder path = new StringBuilder();
            for (java.net.URL url : project.getURLs()) {
                if (url.getProtocol().equals("file")) {
                    path.append(path.isEmpty() ? "" : java.io.File.pathSeparator).append(Path.of(
                            java.net.URI.create(url.toString())));
                }
            }
            if (!path.isEmpty()) {
                return path.toString();
            }
        }
        return System.getProperty("java.class.path");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
