package app.pompier;

/** Pompier cannot start in this environment (store, Slack, port); the message says what to fix. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super("Pompier cannot start: " + message, cause);
    }
}
