package app.pompier.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseMigrationsTest {
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void the_schema_version_a_restart_checks_is_the_highest_migration_of_the_build() throws IOException {
        int highest;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
            highest = files.map(f -> VERSION.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow();
        }
        assertEquals(highest, Database.SCHEMA_VERSION,
                "a new migration was added: set Database.SCHEMA_VERSION to its version");
    }

    @Test
    void a_store_already_at_this_version_opens_without_running_flyway_and_a_store_behind_it_is_migrated(
            @TempDir Path folder) {
        StoreLocation file = new StoreLocation.SqliteFile(folder.resolve("p.db"));
        Database first = Database.open(file, null);
        assertTrue(first.migrationsApplied() > 0);
        first.close();

        Database again = Database.open(file, null);
        assertEquals(0, again.migrationsApplied());
        assertTrue(again.isMigrated());
        // A store one migration behind (an upgrade): Flyway runs that one.
        again.jdbi().useHandle(h -> {
            h.execute("DELETE FROM flyway_schema_history WHERE version = ?", String.valueOf(Database.SCHEMA_VERSION));
            h.execute("DROP TABLE outage_board");
            h.execute("DROP INDEX ticket_related_channel");
        });
        again.close();

        Database upgraded = Database.open(file, null);
        assertEquals(1, upgraded.migrationsApplied());
        upgraded.jdbi().useHandle(h -> h.createQuery("SELECT COUNT(*) FROM outage_board").mapTo(Integer.class).one());
        upgraded.close();
    }
}
