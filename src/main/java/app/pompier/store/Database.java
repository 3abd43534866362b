package app.pompier.store;

import app.pompier.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;

/**
 * The database Pompier keeps everything in, migrated by Flyway: a SQLite file (WAL, a busy timeout, one
 * connection) or a PostgreSQL database (a pool of connections, shared by several replicas). Both follow one
 * migration history: {@code db/migration} holds what both run as it is, {@code db/sqlite} and
 * {@code db/postgresql} the versions whose SQL differs (row ids, db-scheduler's table).
 */
public final class Database {
    /**
     * The highest migration this build holds ({@code V13__…}); a test keeps it equal to the files. A store at this
     * version is not handed to Flyway at start (see {@link #upToDate}).
     */
    static final int SCHEMA_VERSION = 13;
    private static final int SQLITE_POOL_SIZE = 1;
    /**
     * Connections to PostgreSQL per replica: the intake writer, the card lanes, the sweeper, db-scheduler's poller and
     * threads, the crisis opener and Slack's listeners share them; two replicas stay far below a default server's
     * 100 connections.
     */
    private static final int POSTGRES_POOL_SIZE = 20;
    /**
     * Connections for coordinating the replicas, apart so that a busy replica still beats and keeps its leases: the
     * heartbeat, the renewal of turns, taking and giving turns back (each a statement of its own).
     */
    private static final int POSTGRES_COORDINATION_POOL_SIZE = 6;
    /**
     * The bounds of every PostgreSQL session of Pompier, so that no replica waits without end on another that froze
     * (a paused VM, a long GC: its connections stay open and the kernel keeps answering for them). A session idle in
     * a transaction for 5 s is ended by the server, which rolls back what it wrote and frees its locks; a lock is
     * waited for 2 s unless the work says otherwise (intake less, a turn more); a statement runs 50 s at most; the
     * server's keepalives find a client host that is gone within half a minute; each statement is planned with its
     * values (a plan the driver prepared while a table was small would otherwise stay a full scan of it while it
     * grows).
     */
    static final String POSTGRES_SESSION = "-c idle_in_transaction_session_timeout=5000 -c lock_timeout=2000"
            + " -c statement_timeout=50000 -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5"
            + " -c tcp_keepalives_count=3 -c plan_cache_mode=force_custom_plan";
    /**
     * A migration's sessions: no bound on how long a statement or a wait for another replica's transaction takes (a
     * migration may be long), but a replica frozen mid-migration does not keep its locks: its session idle in its
     * transaction is ended, and a client host that is gone is found by the server's keepalives.
     */
    static final String POSTGRES_MIGRATION_SESSION = "-c idle_in_transaction_session_timeout=5000"
            + " -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3";
    /** How long the driver waits for the server's answer: longer than any wait a statement is allowed (a turn's 30 s). */
    private static final int POSTGRES_SOCKET_TIMEOUT_SECONDS = 60;

    /** The SQL each store speaks where the two differ. */
    public enum Dialect { SQLITE, POSTGRESQL }

    /** How long the work's pool may stay out of connections before this replica says it cannot take work in. */
    static final java.time.Duration EXHAUSTED_FOR = java.time.Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final DataSource coordination;
    private volatile long exhaustedSince;
    private final Jdbi coordinationJdbi;
    private final int migrationsApplied;
    private final Dialect dialect;

    private Database(DataSource dataSource, DataSource coordination, int migrationsApplied, Dialect dialect) {
        this.dataSource = dataSource;
        this.coordination = coordination;
        this.dialect = dialect;
        this.jdbi = jdbiOn(dataSource, dialect);
        this.coordinationJdbi = coordination == dataSource ? jdbi : jdbiOn(coordination, dialect);
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * Pompier's statements on {@code dataSource}. They read the database's own clock as {@code <dbNow>} (epoch
     * milliseconds) where the replicas must agree on the time, such as whose heartbeat is too old: one clock judges
     * every replica, whatever each one's says.
     */
    private static Jdbi jdbiOn(DataSource dataSource, Dialect dialect) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.define("dbNow", dialect == Dialect.POSTGRESQL
                ? "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))"
                : "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))");
        return jdbi;
    }

    /** Opens (creating if needed) and migrates the SQLite file; fails with a message that says what to fix. */
    public static Database open(Path file) {
        return open(new StoreLocation.SqliteFile(file), null);
    }

    /**
     * Opens and migrates the store {@code POMPIER_DB} names, the pool's figures (connections in use, waits) reported
     * to {@code metrics} when given; fails with a message that says what is wrong and how to fix it.
     */
    public static Database open(StoreLocation location, MeterRegistry metrics) {
        if (location instanceof StoreLocation.Postgres postgres) {
            return openPostgres(postgres, metrics);
        }
        return openSqlite(((StoreLocation.SqliteFile) location).file(), metrics);
    }

    private static Database openSqlite(Path file, MeterRegistry metrics) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new StoreUnavailableException("POMPIER_DB is " + file + " but the folder " + parent
                    + " does not exist; create it or point POMPIER_DB elsewhere");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // A ticket acked to Slack is on the disk: Slack does not send an acked event again, so NORMAL (which in WAL
        // mode may lose the last commits to a power cut or an OS crash) would lose reports. See the README's figures.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        // Every write transaction takes the write lock at BEGIN: a deferred one that reads then writes
        // fails with SQLITE_BUSY instead of waiting when another writer got in between.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + absolute);
        // Opening a SQLite connection (and applying its pragmas) costs more than most statements, so connections
        // are pooled. SQLite has one writer at a time, and a writer that finds the lock taken sleeps in growing
        // steps (its busy handler): handing one connection from thread to thread is much faster than that.
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("pompier-sqlite");
        pool.setMaximumPoolSize(SQLITE_POOL_SIZE);
        pool.setMinimumIdle(SQLITE_POOL_SIZE);
        pool.setConnectionTimeout(30_000);
        String fix = "check that the file is a Pompier database and is writable";
        HikariDataSource dataSource = pooled(pool, metrics, e -> "cannot open or migrate the database " + absolute
                + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()) + "; " + fix);
        // One process serves the file: its coordination is the JVM's, on the same connection.
        int migrations = migrate(dataSource, Dialect.SQLITE, e -> "cannot open or migrate the database " + absolute
                + ": " + e.getMessage() + "; " + fix);
        return new Database(dataSource, dataSource, migrations, Dialect.SQLITE);
    }

    private static Database openPostgres(StoreLocation.Postgres location, MeterRegistry metrics) {
        // Migrations run on connections of their own, without the bounds of the work's sessions: a migration may
        // wait for another replica's and take longer than any statement of the work.
        HikariConfig migrating = postgresPool(location, "pompier-postgresql-migration", 2,
                POSTGRES_MIGRATION_SESSION);
        HikariDataSource migrations = pooled(migrating, null, e -> PostgresProblems.explain(location, e));
        int migrated;
        try {
            migrated = migrate(migrations, Dialect.POSTGRESQL, e -> PostgresProblems.explain(location, e));
        } finally {
            migrations.close();
        }
        HikariConfig work = postgresPool(location, "pompier-postgresql", POSTGRES_POOL_SIZE, POSTGRES_SESSION);
        work.setMinimumIdle(2);
        HikariDataSource dataSource = pooled(work, metrics, e -> PostgresProblems.explain(location, e));
        HikariConfig coordination = postgresPool(location, "pompier-postgresql-coordination",
                POSTGRES_COORDINATION_POOL_SIZE, POSTGRES_SESSION);
        coordination.setMinimumIdle(1);
        try {
            return new Database(dataSource, new HikariDataSource(coordination), migrated, Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreUnavailableException(PostgresProblems.explain(location, e), e);
        }
    }

    /** A pool of connections to the database {@code POMPIER_DB} names, each session started with {@code options}. */
    private static HikariConfig postgresPool(StoreLocation.Postgres location, String name, int size, String options) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(location.jdbcUrl());
        pool.setDriverClassName("org.postgresql.Driver");
        if (location.user() != null) {
            pool.setUsername(location.user());
        }
        if (location.password() != null) {
            pool.setPassword(location.password());
        }
        pool.setPoolName(name);
        pool.setMaximumPoolSize(size);
        pool.setMinimumIdle(Math.min(size, 1));
        // A replica that cannot reach the database is not ready: a request waits a few seconds, not half a minute.
        pool.setConnectionTimeout(5_000);
        pool.setValidationTimeout(2_000);
        // An idle connection is tried every half minute, so one the network cut is found before work takes it.
        pool.setKeepaliveTime(30_000);
        pool.addDataSourceProperty("connectTimeout", "5");
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        pool.addDataSourceProperty("ApplicationName", "pompier");
        pool.addDataSourceProperty("options", options);
        if (options.contains("statement_timeout")) {
            // The server gone or cut off mid-statement: the driver stops waiting instead of hanging a thread, after
            // the server itself would have ended any statement.
            pool.addDataSourceProperty("socketTimeout", String.valueOf(POSTGRES_SOCKET_TIMEOUT_SECONDS));
        }
        return pool;
    }

    private static HikariDataSource pooled(HikariConfig pool, MeterRegistry metrics,
                                           java.util.function.Function<RuntimeException, String> explain) {
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        try {
            return new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(explain.apply(e), e);
        }
    }

    /** Migrates the store; how many migrations ran. Closes the pool and says what to fix if it cannot. */
    private static int migrate(HikariDataSource dataSource, Dialect dialect,
                               java.util.function.Function<RuntimeException, String> explain) {
        if (upToDate(dataSource)) {
            return 0;
        }
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreUnavailableException(explain.apply(e), e);
        }
    }

    /**
     * Whether the store holds every migration of this build, each applied successfully: then Flyway, which costs a
     * restart a third of a second (its classes, a scan of the jar, a check of every migration), need not run. A store
     * behind this build, one with a failed migration, or one Flyway never touched is migrated by Flyway as always.
     */
    private static boolean upToDate(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history"
                     + " WHERE version IS NOT NULL")) {
            int latest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                latest = Math.max(latest, Integer.parseInt(rs.getString(1).trim()));
            }
            return latest == SCHEMA_VERSION;
        } catch (SQLException | RuntimeException e) {
            // No history yet (a new store), or one this build cannot read: Flyway decides, and says what is wrong.
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Connections for the replicas' coordination (heartbeat, turns): the store's own on SQLite. */
    DataSource coordination() {
        return coordination;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Statements on the coordination connections: each runs on its own, outside the work's transactions. */
    Jdbi coordinationJdbi() {
        return coordinationJdbi;
    }

    /** The SQL state of the database error behind {@code e} ("55P03": a lock not had in time), or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** Every migration in the history succeeded: a half-applied one (a crash mid-migration) is not ready. */
    public boolean isMigrated() {
        try {
            return jdbi.withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success OR success IS NULL")
                    .mapTo(Integer.class).one()) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool; the file stays as it is. */
    public void close() {
        if (coordination != dataSource && coordination instanceof HikariDataSource hikari) {
            hikari.close();
        }
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }

    /**
     * Whether work gets connections: false once every connection of the work's pool has been taken, with threads
     * waiting for one, for {@link #EXHAUSTED_FOR} or more at each look (on PostgreSQL; SQLite's one connection is
     * handed from thread to thread by design). A burst that takes them all for an instant is not a replica to route
     * away from.
     */
    public boolean hasConnectionsToSpare() {
        if (dialect != Dialect.POSTGRESQL || !(dataSource instanceof HikariDataSource hikari)) {
            return true;
        }
        var pool = hikari.getHikariPoolMXBean();
        boolean exhausted = pool != null && pool.getActiveConnections() >= hikari.getMaximumPoolSize()
                && pool.getThreadsAwaitingConnection() > 0;
        long now = System.nanoTime();
        if (!exhausted) {
            exhaustedSince = 0;
            return true;
        }
        if (exhaustedSince == 0) {
            exhaustedSince = now;
        }
        return now - exhaustedSince < EXHAUSTED_FOR.toNanos();
    }

    /** Answers a trivial query: the file is there and readable. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
