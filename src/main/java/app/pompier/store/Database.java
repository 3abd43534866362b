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

/** The SQLite file Pompier keeps everything in: opened with WAL and a busy timeout, migrated by Flyway. */
public final class Database {
    private static final int POOL_SIZE = 1;
    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final int migrationsApplied;

    private Database(DataSource dataSource, int migrationsApplied) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.migrationsApplied = migrationsApplied;
    }

    /** Opens (creating if needed) and migrates the file; fails with a message that says what to fix. */
    public static Database open(Path file) {
        return open(file, null);
    }

    /** As {@link #open(Path)}, the pool's figures (connections in use, waits) reported to {@code metrics}. */
    public static Database open(Path file, MeterRegistry metrics) {
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
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(POOL_SIZE);
        pool.setConnectionTimeout(30_000);
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open or migrate the database " + absolute + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
                    + "; check that the file is a Pompier database and is writable", e);
        }
        try {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new Database(dataSource, result.migrationsExecuted);
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreUnavailableException("cannot open or migrate the database " + absolute + ": "
                    + e.getMessage() + "; check that the file is a Pompier database and is writable", e);
        }
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
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0 OR success IS NULL")
                    .mapTo(Integer.class).one()) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool; the file stays as it is. */
    public void close() {
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
