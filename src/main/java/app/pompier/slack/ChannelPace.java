package app.pompier.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack accepts about one {@code chat.postMessage} per second in one channel, with short bursts, and answers 429
 * beyond. Every post Pompier makes in a channel takes its turn here first: a token bucket per channel (a burst of
 * {@code burst}, then {@code perSecond}), where a caller that finds no token reserves the next one and waits for
 * it, so callers of one channel are spaced out and callers of other channels do not wait at all. A 429 that comes
 * all the same (another app posting in the channel) is waited out by the call that got it, in {@link SlackGateway}.
 *
 * <p>Slack counts a channel's posts for the whole workspace, not for one process: replicas sharing a database reserve
 * each post's slot there ({@link #shared}), with the same burst and pace. When the shared slots cannot be reached,
 * the post takes its turn in this process's bucket instead: a post is never lost nor held up by the pace itself, and
 * two replicas posting in one channel meanwhile may meet a 429, waited out as any other.
 */
public final class ChannelPace {
    private static final Logger log = LoggerFactory.getLogger(ChannelPace.class);
    /**
     * Slack allows short bursts above one a second. Pompier's burst stays one post under what Slack takes (three
     * or so), so that the spare one absorbs the network's jitter: a post that reaches Slack a little early after
     * its second of wait finds a token there.
     */
    public static final int BURST = 2;
    /**
     * After the shared slots failed, how long posts take their turn in this process's bucket before the shared slots
     * are asked again: a database out of reach costs one post its wait for the failure, not every post.
     */
    static final Duration ALONE_AFTER_FAILURE = Duration.ofSeconds(30);

    /** Each channel's slots, reserved for every replica at once in what they share. */
    @FunctionalInterface
    public interface SharedSlots {
        /**
         * Reserves {@code channel}'s next slot: {@code interval} after the one reserved before it, or at once while
         * the channel has posted fewer than {@code burst} in the last {@code burst} intervals. Judged by one clock
         * for every replica.
         *
         * @return how long the caller waits for its slot (zero or less: none)
         * @throws RuntimeException when the slots cannot be reached
         */
        Duration reserve(String channel, Duration interval, int burst);
    }

    private final double perNano;
    private final int burst;
    private final Duration interval;
    /** Null: this process posts alone, and its buckets are the pace. */
    private final SharedSlots shared;
    private final Map<String, CallBudget> buckets = new HashMap<>();
    /** The shared slots failed last time they were asked: posts take their turn here until {@code askAgainAt}. */
    private boolean sharedFailed;
    private long askAgainAt;

    private ChannelPace(double perSecond, int burst, SharedSlots shared) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.interval = Duration.ofNanos(Math.round(1e9 / perSecond));
        this.shared = shared;
    }

    /** The pace of a process that posts alone (one on a SQLite file): a bucket per channel, in memory. */
    public static ChannelPace inMemory(double perSecond, int burst) {
        return new ChannelPace(perSecond, burst, null);
    }

    /**
     * The pace of replicas that post side by side: each post's slot reserved in {@code slots}, this process's buckets
     * standing in while {@code slots} cannot be reached.
     */
    public static ChannelPace shared(SharedSlots slots, double perSecond, int burst) {
        return new ChannelPace(perSecond, burst, slots);
    }

    /** Waits for the channel's turn to post. */
    public void await(String channel) throws InterruptedException {
        long waitNanos = reserve(channel, System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** Reserves the channel's next slot; how long to wait for it, in nanoseconds (0: none). */
    long reserve(String channel, long now) {
        if (shared != null && !alone(now)) {
            // No lock held: other channels' posts reserve at the same time, and nobody waits on a slow database.
            try {
                Duration wait = shared.reserve(channel, interval, burst);
                sharedAgain();
                return Math.max(0, wait.toNanos());
            } catch (RuntimeException e) {
                sharedFailed(now, e);
            }
        }
        return reserveHere(channel, now);
    }

    private synchronized boolean alone(long now) {
        return sharedFailed && now - askAgainAt < 0;
    }

    private synchronized void sharedFailed(long now, RuntimeException e) {
        if (!sharedFailed) {
            log.warn("the channels' pace could not be reserved for every replica ({}); this replica keeps it alone"
                    + " until it can, so two replicas posting in one channel may meet a 429", e.toString());
        }
        sharedFailed = true;
        askAgainAt = now + ALONE_AFTER_FAILURE.toNanos();
    }

    private synchronized void sharedAgain() {
        if (sharedFailed) {
            sharedFailed = false;
            log.info("the channels' pace is reserved for every replica again");
        }
    }

    /** Takes a token of this process's bucket for the channel, or reserves the next one. */
    private synchronized long reserveHere(String channel, long now) {
        if (buckets.size() > 10_000) {
            // A bucket that has filled up again says nothing a new one would not.
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(channel, c -> new CallBudget(perNano, burst, now)).reserve(now);
    }
}
