package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.ticket.Standing;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * This replica's heartbeat in the database it shares with the others, written and judged by the database's clock. A
 * replica that has not beaten for {@link #DEAD_AFTER} is dead to the others: the claims it signed (cards, news,
 * reminders being posted) are taken over at once, instead of when their leases run out, minutes later. Its timed
 * tasks are db-scheduler's to revive, on the same 20 s.
 *
 * <p>Each beat written is told to this replica's {@link Standing}, which keeps its claims held only while the others
 * cannot count it dead yet.
 */
public final class ReplicaHeartbeat {
    /** How often a replica beats. */
    public static final Duration BEAT_EVERY = Duration.ofSeconds(5);
    /** Four beats missed: the replica is dead (or cut from the database, which for its claims is the same). */
    static final long DEAD_AFTER_MILLIS = 20_000;
    static final Duration DEAD_AFTER = Duration.ofMillis(DEAD_AFTER_MILLIS);
    /**
     * How long after its last beat was sent a replica still acts on its claims: 5 s before the others may count it
     * dead, for a beat's own time to reach the database and clocks that do not tick quite alike. A post checked within
     * it may still reach Slack after: the replica that made it deletes it once the holder recorded another.
     */
    static final Duration ACTS_FOR = DEAD_AFTER.minus(BEAT_EVERY);

    /**
     * The other replicas whose claims are anyone's, by the database's clock: in the claims' SQL, with {@code :owner}
     * bound. A replica never takes its own claims for a dead one's: late beats (a pause, the database out of reach)
     * must not make two of its workers post one card.
     */
    static final String DEAD_REPLICAS = "(SELECT name FROM replica WHERE seen_at < <dbNow> - "
            + DEAD_AFTER_MILLIS + " AND name <> :owner)";

    private final Jdbi jdbi;
    private final String name;
    private final boolean shared;
    private final Standing standing;

    /** Beats on the database's coordination connections, apart from the work's, and tells {@code standing}. */
    public ReplicaHeartbeat(Database database, String name, Standing standing) {
        this.jdbi = database.coordinationJdbi();
        this.name = name;
        this.shared = database.dialect() == Database.Dialect.POSTGRESQL;
        this.standing = standing;
    }

    /** How this replica stands with the others on {@code location}: alone on a SQLite file, beating on PostgreSQL. */
    public static Standing standingOn(StoreLocation location) {
        return location instanceof StoreLocation.Postgres ? Standing.beating(ACTS_FOR) : Standing.alone();
    }

    /**
     * This replica starts (again): alive from now. On a shared database, a name another replica is beating with is
     * not taken: its last run's crash is waited out (at most 20 s after its last beat); a replica that goes on
     * beating is another one with the same {@code POMPIER_INSTANCE}, which would release this one's claims.
     */
    public void started(Clock clock) {
        long giveUpAt = System.nanoTime() + DEAD_AFTER.plus(BEAT_EVERY).toNanos();
        while (true) {
            long sent = System.nanoTime();
            if (jdbi.withExtension(Sql.class, sql -> sql.started(name, clock.millis(), shared ? DEAD_AFTER.toMillis()
                    : -Long.MAX_VALUE / 2)) > 0) {
                standing.beaten(sent, null);
                return;
            }
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

    /**
     * Writes this replica's heartbeat; a failure leaves its claims to lapse (see {@link Standing}). Returns how far this
     * replica's clock is from the database's (positive: ahead), for those who keep the clocks in time.
     */
    public Duration beat(Clock clock) {
        return jdbi.withHandle(handle -> {
            // Timed once a connection is had: a wait for one is silence the others may see.
            long sent = System.nanoTime();
            Sql sql = handle.attach(Sql.class);
            Optional<Long> before = sql.seenAt(name);
            long seen = sql.beat(name);
            standing.beaten(sent, before.map(b -> Duration.ofMillis(seen - b)).orElse(null));
            // One process on a SQLite file: the database's clock is the machine's.
            return shared ? Duration.ofMillis(clock.millis() - seen) : Duration.ZERO;
        });
    }

    /** This replica stops: it acts on no claim any more, and what it leaves is anyone's at once. */
    public void stopped() {
        standing.stop();
        jdbi.useExtension(Sql.class, sql -> sql.stopped(name));
    }

    interface Sql {
        /**
         * 1 when the name was free (never seen, stopped, or silent for {@code deadAfter} by the database's clock) and
         * is now taken.
         */
        @SqlUpdate("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, :now, <dbNow>)
                ON CONFLICT (name) DO UPDATE SET started_at = excluded.started_at, seen_at = excluded.seen_at
                 WHERE replica.seen_at < <dbNow> - :deadAfter
                """)
        int started(@Bind("name") String name, @Bind("now") long now, @Bind("deadAfter") long deadAfter);

        @SqlQuery("SELECT seen_at FROM replica WHERE name = :name")
        Optional<Long> seenAt(@Bind("name") String name);

        /** The beat's time by the database's clock. */
        @SqlQuery("""
                INSERT INTO replica (name, started_at, seen_at) VALUES (:name, <dbNow>, <dbNow>)
                ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at
                RETURNING seen_at
                """)
        long beat(@Bind("name") String name);

        @SqlUpdate("UPDATE replica SET seen_at = 0 WHERE name = :name")
        void stopped(@Bind("name") String name);
    }
}
