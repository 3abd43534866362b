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
import java.nio.file.Path;

/**
 * The database Pompier keeps everything in, migrated by Flyway: a SQLite file (WAL, a busy timeout, one
 * connection) or a PostgreSQL database (a pool of connections, shared by several replicas). Both follow one
 * migration history: {@code db/migration} holds what both run as it is, {@code db/sqlite} and
 * {@code db/postgresql} the versions whose SQL differs (row ids, db-scheduler's table).
 */
public final class Database {
    private static final int SQLITE_POOL_SIZE = 1;
    /**
     * Connections to PostgreSQL per replica: the intake writer, the card lanes, the sweeper, db-scheduler's poller and
     * threads, the crisis opener and Slack's listeners share them; two replicas stay far below a default server's
     * 100 connections.
     */
    private static final int POSTGRES_POOL_SIZE = 20;
    /**
     * Connections for coordinating the replicas, apart so that a busy replica still beats and takes its turns: the
     * heartbeat, and one per kind of work done in turns (each held while its work runs).
     */
    private static final int POSTGRES_COORDINATION_POOL_SIZE = 14;

    /** The SQL each store speaks where the two differ. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final DataSource coordination;
    private final int migrationsApplied;
    private final Dialect dialect;

    private Database(DataSource dataSource, DataSource coordination, int migrationsApplied, Dialect dialect) {
        this.dataSource = dataSource;
        this.coordination = coordination;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.migrationsApplied = migrationsApplied;
        this.dialect = dialect;
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
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
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
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(location.jdbcUrl());
        pool.setDriverClassName("org.postgresql.Driver");
        if (location.user() != null) {
            pool.setUsername(location.user());
        }
        if (location.password() != null) {
            pool.setPassword(location.password());
        }
        pool.setPoolName("pompier-postgresql");
        pool.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        pool.setMinimumIdle(2);
        // A replica that cannot reach the database is not ready: a request waits a few seconds, not half a minute.
        pool.setConnectionTimeout(5_000);
        pool.setValidationTimeout(2_000);
        pool.addDataSourceProperty("connectTimeout", "5");
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        pool.addDataSourceProperty("ApplicationName", "pompier");
        // Each statement planned with its values: a plan the driver prepared once while a table was still small (a
        // new database, a first burst) would otherwise stay a full scan of it while it grows, for every event.
        pool.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        HikariDataSource dataSource = pooled(pool, metrics, e -> PostgresProblems.explain(location, e));
        int migrations = migrate(dataSource, Dialect.POSTGRESQL, e -> PostgresProblems.explain(location, e));
        HikariConfig coordination = new HikariConfig();
        pool.copyStateTo(coordination);
        coordination.setPoolName("pompier-postgresql-coordination");
        coordination.setMaximumPoolSize(POSTGRES_COORDINATION_POOL_SIZE);
        coordination.setMinimumIdle(1);
        coordination.setMetricRegistry(null);
        try {
            return new Database(dataSource, new HikariDataSource(coordination), migrations, Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreUnavailableException(PostgresProblems.explain(location, e), e);
        }
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

    /** Answers a trivial query: the file is there and readable. */
    public boolean isHealthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
