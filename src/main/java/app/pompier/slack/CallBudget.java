package app.pompier.slack;

import java.time.Duration;

/**
 * How many calls Slack takes of something now: a token bucket, a burst then a steady rate. Its users either never
 * wait ({@link #tryTake}: a method's documented tier, for work that has another way to reach people, such as a board
 * for every reporter of an outage, rather than meet a 429) or wait their turn ({@link #reserve}: a channel's pace,
 * in {@link ChannelPace}).
 */
public final class CallBudget {
    private final double perNano;
    private final int burst;
    private double tokens;
    private long at;

    /** {@code calls} a {@code per}, of which {@code burst} at once. */
    public CallBudget(int calls, Duration per, int burst) {
        this(calls / (double) per.toNanos(), burst, System.nanoTime());
    }

    /** {@code perNano} calls a nanosecond, of which {@code burst} at once, full at {@code now}. */
    CallBudget(double perNano, int burst, long now) {
        this.perNano = perNano;
        this.burst = burst;
        this.tokens = burst;
        this.at = now;
    }

    /** Tier 3's documented floor, 50 a minute: bursts of 5 and 45 a minute, so never more than 50 in any minute. */
    public static CallBudget tier3() {
        return new CallBudget(45, Duration.ofMinutes(1), 5);
    }

    /** Tier 4's documented floor, 100 a minute: bursts of 10 and 90 a minute, never more than 100 in any minute. */
    public static CallBudget tier4() {
        return new CallBudget(90, Duration.ofMinutes(1), 10);
    }

    /** Takes a call if one is left now. */
    public synchronized boolean tryTake() {
        return tryTake(System.nanoTime());
    }

    synchronized boolean tryTake(long now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /**
     * Counts a call that is made whatever the budget says (a ticket's :ticket: mark, which nothing else replaces):
     * what it takes is not left for the calls that have another way.
     */
    public void spend() {
        reserve(System.nanoTime());
    }

    /** Takes a call now, or reserves the next one; how long to wait for it, in nanoseconds (0: none). */
    synchronized long reserve(long now) {
        refill(now);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Whether it has filled up again by {@code now}: one made anew would say the same. */
    synchronized boolean full(long now) {
        return tokens + (now - at) * perNano >= burst;
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - at) * perNano);
        at = now;
    }
}
