package app.pompier.ops.slack;

import app.pompier.language.Phrase;
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
    public Optional<Phrase> whyNot(String id) {
        return People.isPerson(id) ? person(id) : channel(id);
    }

    private Optional<Phrase> person(String id) {
        var info = slack.call("users.info", m -> m.usersInfo(r -> r.user(id)));
        if (!info.isOk() || info.getUser() == null) {
            return Optional.of(Phrase.of("ops.owner.no_person", "id", id, "error", String.valueOf(info.getError())));
        }
        User user = info.getUser();
        if (user.isDeleted()) {
            return Optional.of(Phrase.of("ops.owner.left", "id", id));
        }
        if (user.isBot() || user.isAppUser()) {
            return Optional.of(Phrase.of("ops.owner.app", "id", id));
        }
        return Optional.empty();
    }

    private Optional<Phrase> channel(String id) {
        var info = slack.call("conversations.info", m -> m.conversationsInfo(r -> r.channel(id)));
        if (!info.isOk() || info.getChannel() == null) {
            return Optional.of(Phrase.of("ops.owner.no_channel", "id", id, "error", String.valueOf(info.getError())));
        }
        Conversation channel = info.getChannel();
        if (channel.isArchived()) {
            return Optional.of(Phrase.of("ops.owner.archived", "id", id));
        }
        if (!channel.isMember()) {
            return Optional.of(Phrase.of("ops.owner.not_member", "id", id));
        }
        return Optional.empty();
    }
}
