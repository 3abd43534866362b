package app.pompier.store;

import app.pompier.StoreUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Clock;
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

    /**
     * The other replicas whose claims are anyone's: in the claims' SQL, with {@code :deadBefore} and {@code :owner}
     * bound. A replica never takes its own claims for a dead one's: late beats (a pause, the database out of reach)
     * must not make two of its workers post one card.
     */
    static final String DEAD_REPLICAS = "(SELECT name FROM replica WHERE seen_at < :deadBefore AND name <> :owner)";

    private final Jdbi jdbi;
    private final String name;
    private final boolean shared;

    /** Beats on the database's coordination connections, apart from the work's. */
    public ReplicaHeartbeat(Database database, String name) {
        this.jdbi = Jdbi.create(database.coordination()).installPlugin(new SqlObjectPlugin());
        this.name = name;
        this.shared = database.dialect() == Database.Dialect.POSTGRESQL;
    }

    /** When a claim's replica must have beaten last for the claim to be still its own. */
    static long deadBefore(Instant now) {
        return now.minus(DEAD_AFTER).toEpochMilli();
    }

    /**
     * This replica starts (again): alive from now. On a shared database, a name another replica is beating with is
     * not taken: its last run's crash is waited out (at most 20 s after its last beat); a replica that goes on
     * beating is another one with the same {@code POMPIER_INSTANCE}, which would release this one's claims.
     */
    public void started(Clock clock) {
        if (!shared) {
            jdbi.useExtension(Sql.class, sql -> sql.started(name, clock.millis(), Long.MAX_VALUE));
            return;
        }
        long giveUpAt = System.nanoTime() + DEAD_AFTER.plus(BEAT_EVERY).toNanos();
        while (jdbi.withExtension(Sql.class, sql -> sql.started(name, clock.millis(), deadBefore(clock.instant()))) == 0) {
            if (System.nanoTime() > giveUpAt) {
                throw new StoreUnavailableException("another replica named " + name + " is running on this database"
                        + " (it beat less than " + DEAD_AFTER.toSeconds() + " s ago); give each replica its own"
                        + " POMPIER_INSTANCE, kept across its restarts");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for " + name + "'s last run to end", e);
            }
        }
    }

    public void beat(Instant now) {
        jdbi.useExtension(Sql.class, sql -> sql.beat(name, now.toEpochMilli()));
    }

    /** This replica stops: what it leaves is anyone's at once. */
    public void stopped() {
        jdbi.useExtension(Sql.class, sql -> sql.stopped(name));
    }

    interface Sql {
        /** 1 when the name was free (never seen, stopped, or silent since {@code deadBefore}) and is now taken. */
        @SqlUpdate("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, :now, :now)
                ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, seen_at = excluded.seen_at
                 WHERE replica.seen_at < :deadBefore
                """)
        int started(@Bind("name") String name, @Bind("now") long now, @Bind("deadBefore") long deadBefore);

        @SqlUpdate("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, :now, :now)
                ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at
                """)
        void beat(@Bind("name") String name, @Bind("now") long now);

        @SqlUpdate("UPDATE replica SET seen_at = 0 WHERE name = :name")
        void stopped(@Bind("name") String name);
    }
}
