package app.pompier.ticket;

import java.util.function.Supplier;

/**
 * A turn at work one replica does at a time (see {@link Turns}). The work records its results through
 * {@link #record}, so that a holder that froze and lost the turn records nothing when it wakes, and so that one write
 * that fails is undone alone.
 */
public interface Turn extends Claim {

    /**
     * Runs {@code write} (the store's writes of the work) only while the turn is still this replica's: checked in the
     * same transaction as the writes, so that no other replica can take the turn over in between. A write that
     * throws is undone alone; the work's other writes stand.
     *
     * @throws ClaimLost when the turn is another replica's now; nothing was written
     */
    <T> T record(Supplier<T> write);

    default void record(Runnable write) {
        record(() -> {
            write.run();
            return null;
        });
    }

    /** A turn within one process: held while the process runs, recorded as it is. */
    static Turn inProcess(String what, Claim standing) {
        return new Turn() {
            @Override
            public <T> T record(Supplier<T> write) {
                if (!standing.held()) {
                    throw new ClaimLost(what);
                }
                return write.get();
            }

            @Override
            public boolean held() {
                return standing.held();
            }

            @Override
            public String what() {
                return what;
            }
        };
    }
}
