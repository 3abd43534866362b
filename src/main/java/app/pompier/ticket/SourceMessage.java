package app.pompier.ticket;

import java.util.Objects;

/**
 * The Slack message a ticket was made from; one message makes at most one ticket.
 * {@code threadTs} is set when the message is itself a reply in a thread.
 */
public record SourceMessage(String workspace, String channel, String ts, String threadTs) {
    public SourceMessage {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ts, "ts");
        if (threadTs != null && threadTs.equals(ts)) {
            threadTs = null;
        }
    }

    /** The thread Pompier answers in: the message's own thread, or the thread it was written in. */
    public String answerThread() {
        return threadTs != null ? threadTs : ts;
    }
}
