package app.pompier.ticket.slack;

import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.ticket.ConversationPrivacy;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.model.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConversationPrivacy} from Slack: a {@code D…} id is a direct message and a {@code G…} id a private channel or
 * group DM of the old kind, known at once; any other channel is asked with {@code conversations.info}
 * ({@code is_private}, {@code is_im}, {@code is_mpim}) and the answer kept a few minutes (a public channel can be
 * made private). A channel Slack will not describe (Pompier not in a private one, a scope missing, Slack down) is
 * private.
 */
public final class SlackConversations implements ConversationPrivacy {
    private static final Logger log = LoggerFactory.getLogger(SlackConversations.class);
    static final Duration KEEP = Duration.ofMinutes(10);

    private record Seen(Privacy privacy, Instant at) {
    }

    private final SlackGateway slack;
    private final Clock clock;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    public SlackConversations(SlackGateway slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    @Override
    public Optional<Privacy> known(String channel) {
        if (channel == null || channel.startsWith("D") || channel.startsWith("G")) {
            return Optional.of(Privacy.PRIVATE);
        }
        Seen s = seen.get(channel);
        return s != null && s.at().plus(KEEP).isAfter(clock.instant()) ? Optional.of(s.privacy()) : Optional.empty();
    }

    @Override
    public Privacy ask(String channel) {
        Optional<Privacy> known = known(channel);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            ConversationsInfoResponse info = slack.call("conversations.info",
                    m -> m.conversationsInfo(r -> r.channel(channel)));
            if (!info.isOk() || info.getChannel() == null) {
                log.info("Slack does not describe channel {} ('{}'): its tickets are shown as private ones",
                        channel, info.getError());
                return Privacy.PRIVATE;
            }
            Conversation c = info.getChannel();
            Privacy privacy = c.isPrivate() || c.isIm() || c.isMpim() ? Privacy.PRIVATE : Privacy.PUBLIC;
            seen.put(channel, new Seen(privacy, clock.instant()));
            return privacy;
        } catch (SlackUnavailableException e) {
            log.warn("cannot ask Slack whether channel {} is public ({}): its tickets are shown as private ones",
                    channel, e.getMessage());
            return Privacy.PRIVATE;
        }
    }
}
