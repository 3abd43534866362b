package app.pompier.store;

import app.pompier.ticket.Claim;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.Turn;
import app.pompier.ticket.TurnUnavailable;
import app.pompier.ticket.Turns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Turns} across the replicas of one PostgreSQL database, in the {@code turn} table, so that no replica ever
 * waits without bound on another, alive, dead or frozen. Within a replica the JVM's lock comes first, so that one
 * thread per replica at most waits on the database.
 *
 * <ul>
 *   <li>A turn waited for ({@link #inTurn}: grouping reports, one ticket's SLA clocks) is the lock of its row, taken
 *   by the transaction the work runs in: the next replica waiting gets it when the work commits. A holder that froze
 *   mid-way is idle in its transaction, which the server ends after 5 s ({@code idle_in_transaction_session_timeout}),
 *   rolling back what it wrote: when it wakes, its connection is gone and it writes nothing. The wait itself is
 *   bounded (30 s), beyond which the work is tried again later.</li>
 *   <li>A turn taken only if free ({@link #ifFree}: opening crisis cells, the operations calendar) is a lease of
 *   {@link #LEASE} by the database's clock, renewed every {@link #RENEW_EVERY} while the work runs (the work calls
 *   Slack, so no transaction may stay open). A holder that stops renewing loses it when the lease runs out; every
 *   taking counts a token up, and the work's results are recorded only under its own token, checked in the
 *   transaction that writes them. The holder stops acting itself before the lease runs out (see {@link Claims}),
 *   so that it calls Slack for nothing another replica took over.</li>
 * </ul>
 */
public final class DatabaseTurns implements Turns, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseTurns.class);
    /** How long a lease turn is the holder's without being renewed. */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Duration RENEW_EVERY = Duration.ofSeconds(2);
    /** The holder acts until this long before its lease runs out by the database's clock. */
    static final Duration MARGIN = Duration.ofSeconds(3);
    /** The longest wait for a turn: beyond a frozen holder's 5 s idle in its transaction, and most work's length. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** A lock not had in time, a deadlock: nothing wrong with the work, the store is busy for now. */
    private static final Set<String> BUSY = Set.of(LOCK_NOT_AVAILABLE, "40P01");

    private final Jdbi work;
    private final Jdbi coordination;
    private final String owner;
    private final Claims claims;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Set<String> rows = ConcurrentHashMap.newKeySet();
    /** The turns this thread holds: work done in a turn may call work of the same turn (a reminder recomputes). */
    private final ThreadLocal<Map<String, Turn>> held = ThreadLocal.withInitial(java.util.HashMap::new);
    private final Set<Leased> leased = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    private DatabaseTurns(Database database, String owner, Claims claims) {
        this.work = database.jdbi();
        this.coordination = database.coordinationJdbi();
        this.owner = owner;
        this.claims = claims;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pompier-turn-renewer");
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleWithFixedDelay(this::renewAll, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The turns the database's replicas share: the JVM's alone on SQLite, which one process serves. */
    public static Turns of(Database database, String owner, Claims claims) {
        return database.dialect() == Database.Dialect.POSTGRESQL ? new DatabaseTurns(database, owner, claims)
                : Turns.inProcess(claims);
    }

    private ReentrantLock lock(String what) {
        return locks.computeIfAbsent(what, w -> new ReentrantLock(true));
    }

    @Override
    public <T> T inTurn(String what, Function<Turn, T> job) {
        Turn mine = held.get().get(what);
        if (mine != null) {
            return job.apply(mine);
        }
        ReentrantLock lock = lock(what);
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        try {
            if (!lock.tryLock(MAX_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TurnUnavailable("the turn for " + what + " was taken by this replica's other work for over "
                        + MAX_WAIT.toSeconds() + " s; tried again later", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TurnUnavailable("interrupted while waiting for the turn for " + what, e);
        }
        try {
            ensureRow(what);
            return work.inTransaction(handle -> {
                lockRow(handle, what, deadline);
                Turn turn = new Transacted(what, handle, claims.whileAlive(what));
                held.get().put(what, turn);
                try {
                    return job.apply(turn);
                } finally {
                    held.get().remove(what);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the row's lock in this transaction, waiting at most until {@code deadline} (the wait for the JVM's lock
     * included); the work's own waits stay 2 s.
     */
    private void lockRow(Handle handle, String what, long deadline) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            handle.execute("SET LOCAL lock_timeout = '" + left + "ms'");
            handle.createQuery("SELECT name FROM turn WHERE name = :name FOR UPDATE").bind("name", what)
                    .mapTo(String.class).one();
            handle.execute("SET LOCAL lock_timeout TO DEFAULT");
        } catch (JdbiException e) {
            if (LOCK_NOT_AVAILABLE.equals(Database.sqlState(e))) {
                throw new TurnUnavailable("the turn for " + what + " was held by another replica for over "
                        + MAX_WAIT.toSeconds() + " s; tried again later", e);
            }
            throw e;
        }
    }

    private void ensureRow(String what) {
        if (rows.contains(what)) {
            return;
        }
        coordination.useExtension(Sql.class, sql -> sql.ensure(what));
        rows.add(what);
    }

    @Override
    public boolean ifFree(String what, Consumer<Turn> job) {
        Turn mine = held.get().get(what);
        if (mine != null) {
            job.accept(mine);
            return true;
        }
        ReentrantLock lock = lock(what);
        if (!lock.tryLock()) {
            return false;
        }
        try {
            long sent = System.nanoTime();
            Optional<Long> token;
            try {
                token = coordination.withExtension(Sql.class, sql -> sql.take(what, owner, LEASE.toMillis()));
            } catch (JdbiException e) {
                if (LOCK_NOT_AVAILABLE.equals(Database.sqlState(e))) {
                    // Its holder is recording a result under it right now: it is not free.
                    return false;
                }
                throw e;
            }
            if (token.isEmpty()) {
                return false;
            }
            Leased turn = new Leased(what, token.get(), claims.whileAlive(what), sent);
            leased.add(turn);
            held.get().put(what, turn);
            try {
                claims.under(turn, () -> job.accept(turn));
            } finally {
                held.get().remove(what);
                leased.remove(turn);
                turn.giveBack();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void renewAll() {
        for (Leased turn : leased) {
            try {
                turn.renew();
            } catch (RuntimeException e) {
                // The database out of reach: the turn lapses here before the others may take it (see Leased.held).
                log.debug("could not renew the turn for {}: {}", turn.what(), e.toString());
            }
        }
    }

    /** Stops renewing; turns still held lapse, and other replicas take them within {@link #LEASE}. */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    /** A turn held by the transaction its work runs in: it stands or falls with that transaction. */
    private static final class Transacted implements Turn {
        private final String what;
        private final Handle handle;
        private final Claim standing;
        private final AtomicInteger savepoints = new AtomicInteger();

        Transacted(String what, Handle handle, Claim standing) {
            this.what = what;
            this.handle = handle;
            this.standing = standing;
        }

        @Override
        public <T> T record(Supplier<T> write) {
            if (!standing.held()) {
                throw new ClaimLost(this);
            }
            String savepoint = "turn_record_" + savepoints.incrementAndGet();
            handle.savepoint(savepoint);
            T written;
            try {
                written = write.get();
            } catch (RuntimeException e) {
                try {
                    handle.rollbackToSavepoint(savepoint);
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
                if (BUSY.contains(String.valueOf(Database.sqlState(e)))) {
                    // A row another transaction holds for now: the work is tried again later, not decided otherwise.
                    throw new TurnUnavailable(what + ": a row it writes is busy for now; tried again later", e);
                }
                throw e;
            }
            handle.releaseSavepoint(savepoint);
            return written;
        }

        @Override
        public boolean held() {
            return standing.held();
        }

        @Override
        public String what() {
            return "the turn for " + what;
        }
    }

    /** A turn leased for {@link #LEASE} and renewed while its work runs. */
    private final class Leased implements Turn {
        private final String what;
        private final long token;
        private final Claim standing;
        private volatile long actsUntil;
        private volatile boolean lost;

        Leased(String what, long token, Claim standing, long sent) {
            this.what = what;
            this.token = token;
            this.standing = standing;
            this.actsUntil = sent + LEASE.minus(MARGIN).toNanos();
        }

        void renew() {
            if (lost) {
                return;
            }
            long sent = System.nanoTime();
            if (coordination.withExtension(Sql.class, sql -> sql.renew(what, owner, token, LEASE.toMillis())) == 0) {
                lost = true;
                log.warn("the turn for {} was taken over by another replica while this one held it", what);
                return;
            }
            actsUntil = sent + LEASE.minus(MARGIN).toNanos();
        }

        void giveBack() {
            try {
                coordination.useExtension(Sql.class, sql -> sql.giveBack(what, owner, token));
            } catch (RuntimeException e) {
                log.debug("the turn for {} was not given back ({}); its lease runs out by itself", what, e.toString());
            }
        }

        @Override
        public boolean held() {
            return !lost && standing.held() && System.nanoTime() - actsUntil < 0;
        }

        @Override
        public <T> T record(Supplier<T> write) {
            if (!held()) {
                throw new ClaimLost(this);
            }
            return work.inTransaction(handle -> {
                // Shared with this holder's other writes; a replica taking the turn over waits for them to commit.
                Optional<Long> current = handle.createQuery(
                                "SELECT token FROM turn WHERE name = :name AND holder = :holder FOR SHARE")
                        .bind("name", what).bind("holder", owner).mapTo(Long.class).findOne();
                if (current.isEmpty() || current.get() != token) {
                    lost = true;
                    throw new ClaimLost(this);
                }
                return write.get();
            });
        }

        @Override
        public String what() {
            return "the turn for " + what;
        }
    }

    interface Sql {
        @SqlUpdate("INSERT INTO turn (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
        void ensure(@Bind("name") String name);

        /** The token of the turn taken; empty when another holder's lease still runs. */
        @SqlQuery("""
                INSERT INTO turn (name, holder, token, lease_until) VALUES (:name, :holder, 1, <dbNow> + :leaseMs)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = turn.token + 1,
                                                 lease_until = excluded.lease_until
                 WHERE turn.holder IS NULL OR turn.lease_until < <dbNow>
                RETURNING token
                """)
        Optional<Long> take(@Bind("name") String name, @Bind("holder") String holder, @Bind("leaseMs") long leaseMs);

        @SqlUpdate("""
                UPDATE turn SET lease_until = <dbNow> + :leaseMs
                 WHERE name = :name AND holder = :holder AND token = :token
                """)
        int renew(@Bind("name") String name, @Bind("holder") String holder, @Bind("token") long token,
                  @Bind("leaseMs") long leaseMs);

        @SqlUpdate("UPDATE turn SET holder = NULL, lease_until = 0 WHERE name = :name AND holder = :holder"
                + " AND token = :token")
        void giveBack(@Bind("name") String name, @Bind("holder") String holder, @Bind("token") long token);
    }
}
