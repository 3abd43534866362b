package app.pompier.ticket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This replica's standing with the others that share its store: the term it is in, and whether the others still
 * count it alive. Its claims hold while its last heartbeat is recent enough that no other replica can count it dead
 * yet, measured on this machine's monotonic clock from before the beat was sent (whatever the clocks of the machines
 * say). A replica that froze (a paused VM or container, a long GC) or lost the store for that long starts a new term
 * when it beats again, and the claims of the old term stay lost: the others may have taken them over meanwhile.
 */
public final class Standing {
    private final long actsForNanos;
    private final AtomicLong term = new AtomicLong();
    private volatile long lastBeatSent;
    private volatile boolean beaten;
    private volatile boolean stopped;

    private Standing(Duration actsFor) {
        this.actsForNanos = actsFor == null ? 0 : actsFor.toNanos();
    }

    /** One process alone on its store (SQLite): nobody takes its work over, it always stands. */
    public static Standing alone() {
        return new Standing(null);
    }

    /**
     * A replica among others, which act on its claims once it has not beaten for a while: it acts on them itself for
     * {@code actsFor} after its last beat was sent, and must make that shorter than what the others wait.
     */
    public static Standing beating(Duration actsFor) {
        return new Standing(actsFor);
    }

    /**
     * A heartbeat sent at {@code sentNanos} ({@link System#nanoTime}) was written to the store, {@code silence} after
     * the one before by the store's clock (null when the store had none): either clock seeing a silence long enough
     * for the others to have counted this replica dead starts a new term.
     */
    public void beaten(long sentNanos, Duration silence) {
        if (actsForNanos == 0 || stopped) {
            return;
        }
        boolean silentForTheStore = silence == null || silence.toNanos() >= actsForNanos;
        if (beaten && !silentForTheStore && sentNanos - lastBeatSent < actsForNanos) {
            lastBeatSent = Math.max(lastBeatSent, sentNanos);
            return;
        }
        // The others may have counted this replica dead: a new term, before the fresh beat, so that a claim checked in
        // between is not taken for a live one.
        term.incrementAndGet();
        lastBeatSent = sentNanos;
        beaten = true;
    }

    /** This replica stops: it acts on no claim from now on, whatever its last beat. */
    public void stop() {
        stopped = true;
    }

    /** The current term. */
    public long term() {
        return term.get();
    }

    /** Whether this replica is still counted alive in {@code term}, with time left to act. */
    public boolean alive(long term) {
        if (actsForNanos == 0) {
            return true;
        }
        return beaten && !stopped && term == this.term.get() && System.nanoTime() - lastBeatSent < actsForNanos;
    }
}
