package app.pompier.ticket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Work that one thread of all Pompier's replicas does at a time: deciding whether a report belongs to an incident
 * (each decision must see the ones before it), one ticket's SLA clocks, opening crisis cells (one opener, in order of
 * arrival), the operations calendar's announcements. On one SQLite file, one process: the JVM's locks. On a database
 * shared by replicas: the database's, bounded so that no replica waits without end on another, frozen or not.
 */
public interface Turns {

    /**
     * Runs {@code work}, which only reads and writes the store (it never calls the chat), once no other thread of any
     * replica is doing {@code what}. Its writes are kept only if they were made while the turn was its own: a holder
     * that froze mid-way loses the turn and its writes after a bounded time, and the next one takes over. A write that
     * may fail on its own without failing the rest goes through {@link Turn#record}: its failure undoes it alone.
     *
     * @throws TurnUnavailable when the turn could not be had within a bounded wait; try again later
     */
    <T> T inTurn(String what, Function<Turn, T> work);

    /**
     * Runs {@code work} if no replica is doing {@code what}, under a {@link Turn} it records its results through; the
     * chat calls it makes are refused once the turn is lost. False, without running it, when the turn is taken.
     */
    boolean ifFree(String what, Consumer<Turn> work);

    /** Turns among the threads of this process only. */
    static Turns inProcess(Claims claims) {
        return new InProcess(claims);
    }

    /** One lock per kind of work, taken in the order asked (fair), so a waiting decision is not overtaken. */
    final class InProcess implements Turns {
        private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
        private final Claims claims;

        InProcess(Claims claims) {
            this.claims = claims;
        }

        private ReentrantLock lock(String what) {
            return locks.computeIfAbsent(what, w -> new ReentrantLock(true));
        }

        @Override
        public <T> T inTurn(String what, Function<Turn, T> work) {
            ReentrantLock lock = lock(what);
            lock.lock();
            try {
                return work.apply(Turn.inProcess(what, claims.whileAlive(what)));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean ifFree(String what, Consumer<Turn> work) {
            ReentrantLock lock = lock(what);
            if (!lock.tryLock()) {
                return false;
            }
            try {
                Turn turn = Turn.inProcess(what, claims.whileAlive(what));
                claims.under(turn, () -> work.accept(turn));
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
