package app.pompier.ticket;

import java.time.Duration;
import java.time.Instant;

/**
 * How an outbox tries again what the chat did not take: one attempt holds a lease (a crash lets it run out and
 * another attempt take over), a failed attempt is tried again after a growing delay, and after {@code maxAttempts}
 * it is given up.
 */
public record Retrying(int maxAttempts, Duration first, Duration lease) {
    /** What Pompier's outboxes (cards, replies, news for related reporters) do: 30 s, 1 min, 2 min… eight times. */
    public static final Retrying OUTBOX = new Retrying(8, Duration.ofSeconds(30), Duration.ofMinutes(2));

    /** When to try again after attempt {@code attempt} (1 for the first) failed; null when it was the last. */
    public Instant next(int attempt, Instant now) {
        return attempt >= maxAttempts ? null : now.plus(first.multipliedBy(1L << Math.min(attempt - 1, 6)));
    }
}
