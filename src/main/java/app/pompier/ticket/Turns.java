package app.pompier.ticket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Work that one thread of all Pompier's replicas does at a time: deciding whether a report belongs to an incident
 * (each decision must see the ones before it), opening crisis cells (one opener, in order of arrival). On one
 * SQLite file, one process: the JVM's locks. On a database shared by replicas: the database's locks, which a
 * replica that dies gives back with its connection.
 */
public interface Turns {

    /** Runs {@code work} once no other thread of any replica is doing {@code what}, waiting for the turn. */
    <T> T inTurn(String what, Supplier<T> work);

    /** Runs {@code work} if no other thread of any replica is doing {@code what}; false, without running it, if one is. */
    boolean ifFree(String what, Runnable work);

    /** Turns among the threads of this process only. */
    static Turns inProcess() {
        return new InProcess();
    }

    /** One lock per kind of work, taken in the order asked (fair), so a waiting decision is not overtaken. */
    final class InProcess implements Turns {
        private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

        private ReentrantLock lock(String what) {
            return locks.computeIfAbsent(what, w -> new ReentrantLock(true));
        }

        @Override
        public <T> T inTurn(String what, Supplier<T> work) {
            ReentrantLock lock = lock(what);
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean ifFree(String what, Runnable work) {
            ReentrantLock lock = lock(what);
            if (!lock.tryLock()) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
