package app.pompier.testing;

import app.pompier.store.Database;
import app.pompier.store.StoreLocation;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;

/**
 * The store the running test class uses: SQLite unless the class runs {@link OnPostgres}. Tests that matter for
 * the store (the store's own, intake, SLA, crisis cells) run once on each.
 */
public enum TestStore {
    SQLITE, POSTGRESQL;

    private static volatile TestStore current = SQLITE;

    public static TestStore current() {
        return current;
    }

    static void use(TestStore store) {
        current = store;
    }

    /** A new, empty store: a SQLite file in {@code folder}, or a database of its own on the test server. */
    public static StoreLocation fresh(Path folder, String fileName) {
        return current == POSTGRESQL ? PostgresServer.shared().newDatabase()
                : new StoreLocation.SqliteFile(folder.resolve(fileName));
    }

    /** A new, empty, migrated store, as {@link #fresh} makes it. */
    public static Database open(Path folder, String fileName) {
        return Database.open(fresh(folder, fileName), null);
    }

    /** The store's tables, read or changed directly as an operator would. */
    public static Jdbi jdbi(StoreLocation location) {
        if (location instanceof StoreLocation.Postgres pg) {
            java.util.Properties credentials = new java.util.Properties();
            credentials.setProperty("user", pg.user());
            if (pg.password() != null) {
                credentials.setProperty("password", pg.password());
            }
            return Jdbi.create(pg.jdbcUrl(), credentials);
        }
        return Jdbi.create("jdbc:sqlite:" + ((StoreLocation.SqliteFile) location).file());
    }

    /** The value of {@code POMPIER_DB} that names {@code location}. */
    public static String env(StoreLocation location) {
        return location instanceof StoreLocation.Postgres pg ? PostgresServer.asEnv(pg)
                : ((StoreLocation.SqliteFile) location).file().toString();
    }
}
