package app.pompier.ticket;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The claims this replica takes on shared work, and the one the work on each thread is under: the chat adapter
 * checks it before every call, so that work whose claim was lost (its lease ran out during a long wait, or this
 * replica froze and the others took it over) posts nothing more.
 *
 * <p>A claim's time is counted on this machine's monotonic clock from before the store recorded it, minus a margin of
 * 10 s, so it ends before the store's lease does as long as the replicas' clocks agree within that margin (they are
 * compared with the database's at each heartbeat, and a replica whose clock is off by more than 2 s says so). Its
 * replica's standing bounds it too: it ends once the others may have counted this replica dead.
 */
public final class Claims {
    /** Part of a lease kept back: a claim ends this long before the store lets another replica take it. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final Standing standing;
    private final ThreadLocal<Claim> current = new ThreadLocal<>();

    public Claims(Standing standing) {
        this.standing = standing;
    }

    /** One process alone on its store. */
    public static Claims alone() {
        return new Claims(Standing.alone());
    }

    public Standing standing() {
        return standing;
    }

    /** A claim taken now for {@code lease}: call before the store records it, so that its time starts earlier. */
    public Claim take(String what, Duration lease) {
        long term = standing.term();
        Duration kept = lease.compareTo(MARGIN.multipliedBy(2)) > 0 ? lease.minus(MARGIN) : lease.dividedBy(2);
        long until = System.nanoTime() + kept.toNanos();
        return new Claim() {
            @Override
            public boolean held() {
                return standing.alive(term) && System.nanoTime() - until < 0;
            }

            @Override
            public String what() {
                return what;
            }
        };
    }

    /** A claim as long as this replica stays alive to the others: a timed job the scheduler picked for it. */
    public Claim whileAlive(String what) {
        long term = standing.term();
        return new Claim() {
            @Override
            public boolean held() {
                return standing.alive(term);
            }

            @Override
            public String what() {
                return what;
            }
        };
    }

    /** Runs {@code work} on this thread under {@code claim}; what it calls in the chat is refused once it is lost. */
    public <T> T under(Claim claim, Supplier<T> work) {
        Claim outer = current.get();
        current.set(claim);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
        }
    }

    public void under(Claim claim, Runnable work) {
        under(claim, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code work} under no claim: undoing what a lost claim did (deleting a post the new holder's stands for)
     * is done whether or not the claim holds.
     */
    public void unclaimed(Runnable work) {
        Claim outer = current.get();
        current.remove();
        try {
            work.run();
        } finally {
            if (outer != null) {
                current.set(outer);
            }
        }
    }

    /** The claim the work on this thread is under; empty for work nobody else would take over (a person's click). */
    public Optional<Claim> current() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Goes on only if the work on this thread still holds its claim.
     *
     * @throws ClaimLost when it does not
     */
    public void check() {
        Claim claim = current.get();
        if (claim != null && !claim.held()) {
            throw new ClaimLost(claim);
        }
    }
}
