package app.pompier.ticket;

/**
 * What the chat (Slack) did with something Pompier asked of it: done, with what it gave back; not now, try
 * again later (it did not answer, it is rate-limiting, it had trouble of its own); or never, and why (Pompier
 * is not in the channel, the message is gone, the person cannot be invited). Which errors are which is the
 * chat adapter's knowledge; what to do about each is the domain's.
 */
public sealed interface ChatAnswer<T> {

    record Done<T>(T value) implements ChatAnswer<T> {
    }

    record RetryLater<T>(String reason) implements ChatAnswer<T> {
    }

    record CannotSucceed<T>(String why) implements ChatAnswer<T> {
    }

    static <T> ChatAnswer<T> done(T value) {
        return new Done<>(value);
    }

    static ChatAnswer<Void> done() {
        return new Done<>(null);
    }

    default boolean isDone() {
        return this instanceof Done;
    }

    /** Why it was not done; null when it was. */
    default String problem() {
        if (this instanceof RetryLater<T> later) {
            return later.reason();
        }
        return this instanceof CannotSucceed<T> never ? never.why() : null;
    }
}
