package app.pompier.ops.slack;

import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.SlackGateway;
import app.pompier.ops.Owners;
import app.pompier.ticket.People;
import com.slack.api.model.Conversation;
import com.slack.api.model.User;

import java.util.Optional;

/**
 * {@link Owners} as Slack knows them: a person with {@code users.info} (not one who left, not a bot), a channel with
 * {@code conversations.info} (not archived, and Pompier in it, or it could not tell the channel of a collision).
 * Slack not answering is thrown ({@link SlackUnavailableException}): the declaration is tried again, not refused.
 */
public final class SlackOwners implements Owners {
    private final SlackGateway slack;

    public SlackOwners(SlackGateway slack) {
        this.slack = slack;
    }

    @Override
    public Optional<String> whyNot(String id) {
        return People.isPerson(id) ? person(id) : channel(id);
    }

    private Optional<String> person(String id) {
        var info = slack.call("users.info", m -> m.usersInfo(r -> r.user(id)));
        if (!info.isOk() || info.getUser() == null) {
            return Optional.of("No person of this workspace has the id " + id + " (Slack: " + info.getError()
                    + "); copy it from their profile > ⋮ > Copy member ID.");
        }
        User user = info.getUser();
        if (user.isDeleted()) {
            return Optional.of(id + " has left the workspace; name someone who will be there to move the plan.");
        }
        if (user.isBot() || user.isAppUser()) {
            return Optional.of(id + " is an app, not a person; name the person or the channel that owns the plan.");
        }
        return Optional.empty();
    }

    private Optional<String> channel(String id) {
        var info = slack.call("conversations.info", m -> m.conversationsInfo(r -> r.channel(id)));
        if (!info.isOk() || info.getChannel() == null) {
            return Optional.of("No channel Pompier can see has the id " + id + " (Slack: " + info.getError()
                    + "); for a private channel, invite Pompier first (/invite @Pompier).");
        }
        Conversation channel = info.getChannel();
        if (channel.isArchived()) {
            return Optional.of("Channel " + id + " is archived; name a channel people read.");
        }
        if (!channel.isMember()) {
            return Optional.of("Pompier is not in channel " + id + ", so it could not tell it of collisions; invite it"
                    + " there (/invite @Pompier) and try again.");
        }
        return Optional.empty();
    }
}
