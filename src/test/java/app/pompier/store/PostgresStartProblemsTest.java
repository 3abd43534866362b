package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.testing.PostgresServer;
import app.pompier.testing.TestStore;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator reads when PostgreSQL cannot be used: which problem it is, and what to do about it. */
class PostgresStartProblemsTest {

    static String problemOpening(StoreLocation.Postgres location) {
        return assertThrows(StoreUnavailableException.class, () -> Database.open(location, null)).getMessage();
    }

    @Test
    void a_server_that_refuses_the_connection_is_named_with_what_to_check() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String message = problemOpening(new StoreLocation.Postgres("jdbc:postgresql://127.0.0.1:" + closed + "/pompier",
                "pompier", "secret"));
        assertTrue(message.contains("cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed), message);
        assertTrue(message.contains("check that the server is running"), message);
        assertTrue(!message.contains("secret"), "the password is never shown: " + message);
    }

    @Test
    void a_database_that_does_not_exist_is_named_with_how_to_create_it() {
        StoreLocation.Postgres some = PostgresServer.shared().newDatabase();
        String missing = some.jdbcUrl().replaceAll("/[^/]+$", "/no_such_database");
        String message = problemOpening(new StoreLocation.Postgres(missing, some.user(), some.password()));
        assertTrue(message.contains("has no such database"), message);
        assertTrue(message.contains("createdb"), message);
    }

    @Test
    void a_user_without_the_right_to_create_tables_is_told_which_grant_it_needs() {
        StoreLocation.Postgres owned = PostgresServer.shared().newDatabase();
        TestStore.jdbi(owned).useHandle(h -> {
            h.execute("DROP ROLE IF EXISTS pompier_reader");
            h.execute("CREATE ROLE pompier_reader LOGIN");
            // PostgreSQL 15 lets only the database's owner create in its public schema.
            h.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        });
        String message = problemOpening(new StoreLocation.Postgres(owned.jdbcUrl(), "pompier_reader", null));
        assertTrue(message.contains("denied user pompier_reader a right"), message);
        assertTrue(message.contains("GRANT CREATE, USAGE ON SCHEMA public"), message);
    }

    @Test
    void replicas_share_one_history_and_the_second_start_migrates_nothing() {
        StoreLocation.Postgres location = PostgresServer.shared().newDatabase();
        Database first = Database.open(location, null);
        Database second = Database.open(location, null);
        try {
            assertTrue(first.migrationsApplied() > 0);
            assertEquals(0, second.migrationsApplied());
            assertEquals(Database.Dialect.POSTGRESQL, second.dialect());
            assertTrue(second.isMigrated() && second.isHealthy());
        } finally {
            first.close();
            second.close();
        }
    }
}
