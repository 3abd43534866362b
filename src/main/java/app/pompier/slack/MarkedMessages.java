package app.pompier.slack;

import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Messages Pompier posts with Slack message metadata that names what they are (a ticket's card, one
 * reminder), so that a post whose outcome is unknown, cut by a crash or answered by a timeout or a 5xx,
 * can be looked for in its thread instead of being posted a second time. Slack's Web API has no
 * idempotency key; the message itself is the record.
 */
final class MarkedMessages {
    private static final Logger log = LoggerFactory.getLogger(MarkedMessages.class);
    /** The thread is gone: nothing can be in it, and nothing can be posted there again. */
    static final Set<String> NO_THREAD = Set.of("channel_not_found", "is_archived", "not_in_channel",
            "thread_not_found", "message_not_found");
    private static final int MAX_PAGES = 10;

    private final SlackGateway slack;

    MarkedMessages(SlackGateway slack) {
        this.slack = slack;
    }

    /** What posting a marked message gave: its ts (found in the thread or just posted), or Slack's error. */
    record Posted(String ts, boolean found, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * Posts a message in a thread, marked {@code eventType} with {@code payload}. With {@code lookFirst} (an
     * earlier attempt's outcome is unknown) the thread is read first and a message already there is given
     * back instead of posted again. The post itself is not repeated blindly either: a 5xx or a timeout is
     * thrown, for the caller's next attempt to look first.
     *
     * @throws SlackUnavailableException when Slack does not answer, or answers in a way that may have posted
     * @throws IllegalStateException when the thread cannot be read now
     */
    Posted post(String channel, String threadTs, String eventType, Map<String, String> payload, boolean lookFirst,
                UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        if (lookFirst) {
            Optional<String> earlier = find(channel, threadTs, eventType, payload);
            if (earlier.isPresent()) {
                log.info("{} {} was already in the thread {} of {}; not posted again", eventType, payload, threadTs,
                        channel);
                return new Posted(earlier.get(), true, null);
            }
        }
        ChatPostMessageResponse posted = slack.callNotRepeated("chat.postMessage", m -> m.chatPostMessage(
                r -> message.apply(r.channel(channel).threadTs(threadTs).metadata(Message.Metadata.builder()
                        .eventType(eventType).eventPayload(Map.copyOf(payload)).build()))));
        return posted.isOk() ? new Posted(posted.getTs(), false, null)
                : new Posted(null, false, posted.getError() == null ? "unknown_error" : posted.getError());
    }

    /**
     * The ts of the message marked {@code eventType} with {@code payload} in the thread, if Slack has it.
     *
     * @throws IllegalStateException when the thread cannot be read now; try again later
     * @throws SlackUnavailableException when Slack does not answer
     */
    private Optional<String> find(String channel, String threadTs, String eventType, Map<String, String> payload) {
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = cursor;
            ConversationsRepliesResponse replies = slack.call("conversations.replies", m -> m.conversationsReplies(
                    r -> r.channel(channel).ts(threadTs).includeAllMetadata(true).limit(200).cursor(from)));
            if (!replies.isOk()) {
                if (NO_THREAD.contains(replies.getError())) {
                    return Optional.empty();
                }
                throw new IllegalStateException("Slack refused to show the thread " + threadTs + " in " + channel
                        + " to look for an earlier " + eventType + ": " + replies.getError());
            }
            for (Message message : replies.getMessages() == null ? List.<Message>of() : replies.getMessages()) {
                Message.Metadata metadata = message.getMetadata();
                if (metadata != null && eventType.equals(metadata.getEventType())
                        && samePayload(payload, metadata.getEventPayload())) {
                    return Optional.of(message.getTs());
                }
            }
            cursor = replies.getResponseMetadata() == null ? null : replies.getResponseMetadata().getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                return Optional.empty();
            }
        }
        log.warn("the thread {} in {} is too long to look for an earlier {}; posting it", threadTs, channel,
                eventType);
        return Optional.empty();
    }

    /** Slack gives the payload back as parsed JSON: numbers may come back as numbers, so compare as text. */
    private static boolean samePayload(Map<String, String> wanted, Map<String, Object> found) {
        if (found == null) {
            return false;
        }
        for (var entry : wanted.entrySet()) {
            if (!entry.getValue().equals(String.valueOf(found.get(entry.getKey())))) {
                return false;
            }
        }
        return true;
    }
}
