package app.pompier.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers only the person who clicked or typed sees ({@code chat.postEphemeral}), posted after Slack's request
 * was answered: a refusal they can act on, a confirmation.
 */
public final class PrivateAnswers {
    private static final Logger log = LoggerFactory.getLogger(PrivateAnswers.class);

    private final SlackGateway slack;
    private final Executor soon;

    public PrivateAnswers(SlackGateway slack, Executor soon) {
        this.slack = slack;
        this.soon = soon;
    }

    /** Tells {@code user} in {@code channel} (in {@code threadTs} when given); nothing when no channel is known. */
    public void tellSoon(String channel, String threadTs, String user, String text) {
        if (channel == null || user == null) {
            return;
        }
        try {
            soon.execute(() -> {
                try {
                    slack.call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel).user(user)
                            .threadTs(threadTs).text(SlackBlocks.messageText(text))));
                } catch (SlackUnavailableException e) {
                    log.warn("could not tell {}: {} ({})", user, text, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: {} is not told: {}", user, text);
        }
    }
}
