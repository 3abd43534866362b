package app.pompier.slack;

/** Slack did not answer usefully after every retry the gateway allows (429s, 5xx, network errors). */
public final class SlackUnavailableException extends RuntimeException {
    private final String method;

    public SlackUnavailableException(String method, String reason, Throwable cause) {
        super("Slack " + method + " failed after retries: " + reason, cause);
        this.method = method;
    }

    public String method() {
        return method;
    }
}
