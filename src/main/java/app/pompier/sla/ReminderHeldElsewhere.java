package app.pompier.sla;

/**
 * A reminder another worker, maybe of another replica, is posting: not a failure, but the timed task must come
 * back to it soon, in case that worker dies before it records the post (its claim is then taken over, in doubt).
 */
public final class ReminderHeldElsewhere extends RuntimeException {
    public ReminderHeldElsewhere(String message) {
        super(message, null, false, false);
    }
}
