package app.pompier.store;

import app.pompier.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica whose work has no connection left says so, so that a balancer sends Slack's requests elsewhere. */
class ConnectionsOnPostgresTest {
    final Database database = Database.open(PostgresServer.shared().newDatabase(), null);
    final List<Connection> taken = new ArrayList<>();

    @AfterEach
    void close() throws SQLException {
        for (Connection c : taken) {
            c.close();
        }
        database.close();
    }

    @Test
    void a_pool_out_of_connections_for_two_seconds_is_not_ready_and_is_again_once_they_come_back() throws Exception {
        while (taken.size() < 20) {
            taken.add(database.dataSource().getConnection());
        }
        assertTrue(database.hasConnectionsToSpare(), "all taken, nobody waits yet");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try (Connection c = database.dataSource().getConnection()) {
                c.isValid(1);
            } catch (SQLException e) {
                // gave up after the pool's 5 s
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (database.hasConnectionsToSpare() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(database.hasConnectionsToSpare(), "out of connections for 2 s, with work waiting");
        taken.remove(0).close();
        waiting.get(10, TimeUnit.SECONDS);
        assertTrue(database.hasConnectionsToSpare(), "a connection came back");
    }
}
