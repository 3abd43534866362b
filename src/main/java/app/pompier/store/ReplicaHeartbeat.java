package app.pompier.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Duration;
import java.time.Instant;

/**
 * This replica's heartbeat in the database it shares with the others. A replica that has not beaten for
 * {@link #DEAD_AFTER} is dead to the others: the claims it signed (cards, news, reminders being posted) are taken
 * over at once, instead of when their leases run out, minutes later. Its timed tasks are db-scheduler's to revive,
 * on the same 20 s.
 */
public final class ReplicaHeartbeat {
    /** How often a replica beats. */
    public static final Duration BEAT_EVERY = Duration.ofSeconds(5);
    /** Four beats missed: the replica is dead (or cut from the database, which for its claims is the same). */
    static final Duration DEAD_AFTER = BEAT_EVERY.multipliedBy(4);

    /** The replicas whose claims are anyone's: in the claims' SQL, with {@code :deadBefore} bound. */
    static final String DEAD_REPLICAS = "(SELECT name FROM replica WHERE seen_at < :deadBefore)";

    private final Jdbi jdbi;
    private final String name;

    public ReplicaHeartbeat(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.name = name;
    }

    /** When a claim's replica must have beaten last for the claim to be still its own. */
    static long deadBefore(Instant now) {
        return now.minus(DEAD_AFTER).toEpochMilli();
    }

    /** This replica starts (again): alive from now. */
    public void started(Instant now) {
        jdbi.useExtension(Sql.class, sql -> sql.started(name, now.toEpochMilli()));
    }

    public void beat(Instant now) {
        jdbi.useExtension(Sql.class, sql -> sql.beat(name, now.toEpochMilli()));
    }

    /** This replica stops: what it leaves is anyone's at once. */
    public void stopped() {
        jdbi.useExtension(Sql.class, sql -> sql.stopped(name));
    }

    interface Sql {
        @SqlUpdate("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, :now, :now)
                ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, seen_at = excluded.seen_at
                """)
        void started(@Bind("name") String name, @Bind("now") long now);

        @SqlUpdate("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, :now, :now)
                ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at
                """)
        void beat(@Bind("name") String name, @Bind("now") long now);

        @SqlUpdate("UPDATE replica SET seen_at = 0 WHERE name = :name")
        void stopped(@Bind("name") String name);
    }
}
