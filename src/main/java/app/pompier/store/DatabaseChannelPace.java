package app.pompier.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Each channel's next free slot to post in, reserved in the {@code channel_pace} table for every replica of one
 * PostgreSQL database and judged by the database's clock: Slack counts a channel's posts for the workspace, so two
 * replicas posting in one channel must share one pace, and their own clocks may not agree. A reservation is one
 * statement on the coordination connections, apart from any work's transaction; its row lock lasts that statement,
 * and the wait for the slot is the caller's, with nothing held.
 */
public final class DatabaseChannelPace {
    /**
     * How long the reservation waits for the database's answer once it has a connection: past it, the post keeps its
     * pace in its own replica rather than wait (the work's sessions wait up to a minute for a server gone silent).
     * Longer than the server's lock_timeout, so that a row held too long is the server's error, not a lost connection.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private final Jdbi jdbi;

    public DatabaseChannelPace(Database database) {
        this.jdbi = database.coordinationJdbi();
    }

    /**
     * Reserves {@code channel}'s next slot, {@code interval} after the last one reserved, or at once while the channel
     * posted fewer than {@code burst} in the last {@code burst} intervals; how long the caller waits for it.
     *
     * @throws org.jdbi.v3.core.JdbiException when the database cannot be reached
     */
    public Duration reserve(String channel, Duration interval, int burst) {
        Slot slot = slot(channel, interval, burst);
        return Duration.ofMillis(Math.max(0, slot.at() - slot.now()));
    }

    /** The slot reserved, and when it was reserved, by the database's clock. */
    Slot slot(String channel, Duration interval, int burst) {
        // Whole milliseconds, rounded up: the pace is never faster than asked.
        long intervalMillis = Math.max(1, (interval.toNanos() + 999_999) / 1_000_000);
        return jdbi.withHandle(handle -> {
            // For this statement only: the pool puts the connection's own timeout back when it is handed back.
            try {
                handle.getConnection().setNetworkTimeout(Runnable::run, (int) ANSWER_WITHIN.toMillis());
            } catch (SQLException e) {
                throw new IllegalStateException("the driver cannot bound the wait for the database's answer", e);
            }
            return handle.attach(Sql.class).reserve(channel, intervalMillis, burst * intervalMillis);
        });
    }

    /** A channel's slot ({@code at}) and the moment it was reserved ({@code now}), in epoch milliseconds. */
    record Slot(@ColumnName("at") long at, @ColumnName("now") long now) {
    }

    interface Sql {
        /**
         * The channel's slot is one interval after the one before, or the burst's worth of intervals in the past for
         * a channel that has been quiet that long (excluded.next_at below): GCRA, "the next free slot". The row's
         * lock serializes two replicas reserving in one channel; the database's clock is read once.
         */
        @SqlQuery("""
                WITH clock AS (SELECT <dbNow> AS now),
                     slot AS (
                         INSERT INTO channel_pace (channel, next_at)
                         SELECT :channel, clock.now - :burstMillis + :intervalMillis FROM clock
                         ON CONFLICT (channel) DO UPDATE
                            SET next_at = GREATEST(channel_pace.next_at + :intervalMillis, excluded.next_at)
                         RETURNING next_at)
                SELECT slot.next_at AS at, clock.now AS now FROM slot, clock
                """)
        @RegisterConstructorMapper(Slot.class)
        Slot reserve(@Bind("channel") String channel, @Bind("intervalMillis") long intervalMillis,
                     @Bind("burstMillis") long burstMillis);
    }
}
