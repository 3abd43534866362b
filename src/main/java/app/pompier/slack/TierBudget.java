package app.pompier.slack;

import java.time.Duration;

/**
 * What one Web API method may still be called for now, under its documented tier (Tier 3: 50 calls a minute, Tier 4:
 * 100, per workspace): a token bucket that never waits. Work that has another way to reach people (a board for
 * every reporter of an outage) asks it first, and takes the other way when it says no, instead of meeting a 429.
 */
public final class TierBudget {
    private final double perNano;
    private final int burst;
    private double tokens;
    private long at;

    /** {@code calls} a {@code per}, of which {@code burst} at once. */
    public TierBudget(int calls, Duration per, int burst) {
        this.perNano = calls / (double) per.toNanos();
        this.burst = burst;
        this.tokens = burst;
        this.at = System.nanoTime();
    }

    /** Tier 3's documented floor, 50 a minute: bursts of 5 and 45 a minute, so never more than 50 in any minute. */
    public static TierBudget tier3() {
        return new TierBudget(45, Duration.ofMinutes(1), 5);
    }

    /** Tier 4's documented floor, 100 a minute: bursts of 10 and 90 a minute, never more than 100 in any minute. */
    public static TierBudget tier4() {
        return new TierBudget(90, Duration.ofMinutes(1), 10);
    }

    /** Takes a call if one is left now. */
    public synchronized boolean tryTake() {
        return tryTake(System.nanoTime());
    }

    /**
     * Counts a call that is made whatever the budget says (a ticket's :ticket: mark, which nothing else replaces):
     * what it takes is not left for the calls that have another way.
     */
    public synchronized void spend() {
        spend(System.nanoTime());
    }

    synchronized void spend(long now) {
        refill(now);
        tokens -= 1;
    }

    synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - at) * perNano);
        at = now;
    }
}
