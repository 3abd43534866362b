package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.ticket.Turns;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link Turns} across the replicas of one PostgreSQL database: a session advisory lock per kind of work, held
 * on a connection of its own for as long as the work runs. A replica that dies loses its connection, and the
 * server gives its turn to the next one at once: no lease to wait out. Within a replica the JVM's lock comes
 * first, so that one thread per replica at most waits on the server, holding one connection of the pool.
 */
public final class DatabaseTurns implements Turns {
    /** The first key of every advisory lock Pompier takes ("POMP"), so that they never meet another program's. */
    static final int NAMESPACE = 0x504F4D50;

    private final DataSource dataSource;
    private final Turns local = Turns.inProcess();
    /** The turns this thread holds: work done in a turn may call work of the same turn (a reminder recomputes). */
    private final ThreadLocal<java.util.Set<String>> held = ThreadLocal.withInitial(java.util.HashSet::new);

    private DatabaseTurns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The turns the database's replicas share: the JVM's alone on SQLite, which one process serves. */
    public static Turns of(Database database) {
        return database.dialect() == Database.Dialect.POSTGRESQL ? new DatabaseTurns(database.coordination())
                : Turns.inProcess();
    }

    @Override
    public <T> T inTurn(String what, Supplier<T> work) {
        if (held.get().contains(what)) {
            return work.get();
        }
        List<T> answer = new ArrayList<>(1);
        local.inTurn(what, () -> onServer(what, true, () -> answer.add(work.get())));
        return answer.get(0);
    }

    @Override
    public boolean ifFree(String what, Runnable work) {
        if (held.get().contains(what)) {
            work.run();
            return true;
        }
        boolean[] ran = {false};
        local.ifFree(what, () -> ran[0] = onServer(what, false, work));
        return ran[0];
    }

    /** Takes the server's lock of {@code what} (waiting for it, or not), runs the work, gives the lock back. */
    private boolean onServer(String what, boolean wait, Runnable work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, wait ? "SELECT pg_advisory_lock(?, ?)" : "SELECT pg_try_advisory_lock(?, ?)", what)) {
                return false;
            }
            held.get().add(what);
            try {
                work.run();
                return true;
            } finally {
                held.get().remove(what);
                unlock(connection, what);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot take the database's turn for " + what + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Gives the turn back. A connection whose unlock failed, or that did not hold the lock, is not returned to the
     * pool: it may hold the lock still, and the next work on it would take it again without waiting (advisory locks
     * are re-entrant within a session), keeping every other replica out.
     */
    private void unlock(Connection connection, String what) throws SQLException {
        boolean released = false;
        try {
            released = call(connection, "SELECT pg_advisory_unlock(?, ?)", what);
        } finally {
            if (!released && dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
                pool.evictConnection(connection);
            }
        }
    }

    /** Runs a lock function on the key of {@code what}; what it answered (true where it answers nothing). */
    private static boolean call(Connection connection, String sql, String what) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, NAMESPACE);
            statement.setInt(2, what.hashCode());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Object answer = result.getObject(1);
                return !(answer instanceof Boolean b) || b;
            }
        }
    }
}
