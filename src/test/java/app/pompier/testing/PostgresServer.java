package app.pompier.testing;

import app.pompier.store.StoreLocation;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the tests: the server {@code POMPIER_TEST_POSTGRES} names (a JDBC URL of a user allowed to
 * create databases), or else one this JVM starts from the installed binaries (Debian's {@code postgresql}
 * package) in a temp folder, as the {@code postgres} user when the tests run as root, stopped when the JVM ends.
 * Each test gets a database of its own. When no server can be had, PostgreSQL tests are skipped with the reason,
 * unless {@code POMPIER_TEST_POSTGRES_REQUIRED} is set (as {@code .ci/run} does): then they fail.
 */
public final class PostgresServer {
    private static final String USER = "pompier";
    private static final long RUN = new java.security.SecureRandom().nextLong() >>> 16;
    private static PostgresServer shared;
    private static String unavailable;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /** The server of this test run; skips (or fails, when required) the calling test if none can be had. */
    public static synchronized PostgresServer shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = fromEnvironment().orElseGet(PostgresServer::startLocal);
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        if (shared == null) {
            String why = "PostgreSQL tests need a server: " + unavailable + ". Install Debian's postgresql package"
                    + " (apt-get install postgresql) or set POMPIER_TEST_POSTGRES to the JDBC URL of one.";
            if (required()) {
                Assertions.fail(why + " POMPIER_TEST_POSTGRES_REQUIRED is set, so this is a failure, not a skip.");
            }
            Assumptions.abort(why);
        }
        return shared;
    }

    static boolean required() {
        String value = System.getenv("POMPIER_TEST_POSTGRES_REQUIRED");
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false");
    }

    /** A new, empty database on this server. */
    public StoreLocation.Postgres newDatabase() {
        // Unique on a server kept between runs too (POMPIER_TEST_POSTGRES), where a pid may come back.
        String name = "pompier_test_" + Long.toHexString(RUN) + "_" + databases.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(url("postgres"), user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new StoreLocation.Postgres(url(name), user, password);
    }

    /** The same database as {@code POMPIER_DB} writes it. */
    public static String asEnv(StoreLocation.Postgres location) {
        String hostAndRest = location.jdbcUrl().substring("jdbc:postgresql://".length());
        return "postgresql://" + location.user() + (location.password() == null ? "" : ":" + location.password())
                + "@" + hostAndRest;
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static Optional<PostgresServer> fromEnvironment() {
        String given = System.getenv("POMPIER_TEST_POSTGRES");
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        StoreLocation location = StoreLocation.parse(given, null);
        if (!(location instanceof StoreLocation.Postgres pg)) {
            throw new IllegalStateException("POMPIER_TEST_POSTGRES is not a PostgreSQL URL: " + given);
        }
        java.net.URI uri = java.net.URI.create(pg.jdbcUrl().substring("jdbc:".length()));
        return Optional.of(new PostgresServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                pg.user(), pg.password()));
    }

    private static PostgresServer startLocal() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on the PATH"));
        try {
            Path folder = Files.createTempDirectory("pompier-pg");
            List<String> asUser = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // initdb and postgres refuse to run as root.
                Files.setOwner(folder, folder.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
                asUser.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            Path data = folder.resolve("data");
            run(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--no-sync", "--no-instructions");
            int port = freePort();
            // Durability is not what these tests check: without fsync the server is several times faster.
            run(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + folder + " -h 127.0.0.1 -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c max_connections=400", "start");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
                } catch (RuntimeException e) {
                    // The JVM is ending; the temp folder goes with the machine.
                }
                deleteQuietly(folder);
            }, "pompier-test-postgres-stop"));
            return new PostgresServer("127.0.0.1", port, USER, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a PostgreSQL server: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // Look on the PATH instead.
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Path::of).filter(p -> Files.isExecutable(p.resolve("pg_ctl")) && Files.isExecutable(p.resolve("initdb")))
                .findFirst();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void run(List<String> prefix, String... command) {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", line) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Left for the machine's temp cleaning.
        }
    }
}
