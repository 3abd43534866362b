package app.pompier.slack;

import java.util.HashMap;
import java.util.Map;

/**
 * Slack accepts about one {@code chat.postMessage} per second in one channel, with short bursts, and answers 429
 * beyond. Every post Pompier makes in a channel takes its turn here first: a token bucket per channel (a burst of
 * {@code burst}, then {@code perSecond}), where a caller that finds no token reserves the next one and waits for
 * it, so callers of one channel are spaced out and callers of other channels do not wait at all. A 429 that comes
 * all the same (another app posting in the channel) is waited out by the call that got it, in {@link SlackGateway}.
 */
public final class ChannelPace {
    /**
     * Slack allows short bursts above one a second. Pompier's burst stays one post under what Slack takes (three
     * or so), so that the spare one absorbs the network's jitter: a post that reaches Slack a little early after
     * its second of wait finds a token there.
     */
    public static final int BURST = 2;

    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    public ChannelPace(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Waits for the channel's turn to post. */
    public void await(String channel) throws InterruptedException {
        long waitNanos = reserve(channel, System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** Takes a token of the channel, or reserves the next one; how long to wait for it (0: none). */
    synchronized long reserve(String channel, long now) {
        if (buckets.size() > 10_000) {
            // A bucket that has filled up again says nothing a new one would not.
            buckets.values().removeIf(b -> b.tokens + (now - b.at) * perNano >= burst);
        }
        Bucket b = buckets.computeIfAbsent(channel, c -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (now - b.at) * perNano);
        b.at = now;
        b.tokens -= 1;
        return b.tokens >= 0 ? 0 : (long) Math.ceil(-b.tokens / perNano);
    }
}
