package app.pompier.ticket;

/**
 * A turn could not be had within its bounded wait: another replica's work in it ran long, or the store could not
 * say. The work is tried again later; it never waits without bound on another replica.
 */
public final class TurnUnavailable extends RuntimeException {
    public TurnUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
