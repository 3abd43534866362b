package app.pompier.ticket;

/**
 * Where work that writes in a channel runs: one lane per channel, in order, at the pace the chat accepts for one
 * channel, so that a burst in one support channel neither floods it nor holds up the others. First answers (cards,
 * replies) go before follow-ups (news for related reporters).
 */
public interface ChannelLanes {
    enum Urgency { FIRST_ANSWER, FOLLOW_UP }

    /**
     * Queues {@code work} in the lane of {@code channel}; work already waiting there under the same {@code key} is
     * not queued twice (it reads the latest state when it runs). False when shutting down: the outbox it came
     * from keeps it for the next start.
     */
    boolean submit(String channel, String key, Urgency urgency, Runnable work);

    boolean isShutdown();
}
