package app.pompier.slack;

import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.SourceMessage;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

/**
 * The one way Pompier writes in a ticket's thread: a post now, a post after the Slack request was answered,
 * and a post marked with Slack message metadata that names what it is (a ticket's card, one reminder), so
 * that a post whose outcome is unknown, cut by a crash or answered by a timeout or a 5xx, is looked for in
 * the thread instead of being posted a second time. Slack's Web API has no idempotency key; the message
 * itself is the record. A marked message of its own in a channel (a crisis cell's summary) is looked for in the
 * channel's history the same way.
 */
public final class TicketThread {
    private static final Logger log = LoggerFactory.getLogger(TicketThread.class);
    private static final int MAX_PAGES = 10;

    private final SlackGateway slack;
    private final Executor soon;
    private final ChannelPace pace;

    /**
     * @param soon where posts made after the Slack request was answered run
     * @param pace each channel's turn to post, so that a burst is spaced out instead of answered 429
     */
    public TicketThread(SlackGateway slack, Executor soon, ChannelPace pace) {
        this.slack = slack;
        this.soon = soon;
        this.pace = pace;
    }

    private void awaitTurn(String channel) {
        try {
            pace.await(channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackUnavailableException("chat.postMessage", "interrupted while waiting for the turn of "
                    + channel, e);
        }
    }

    /** What posting a marked message gave: its ts (found in the thread or just posted), or Slack's error. */
    public record Posted(String ts, boolean found, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Posts in the thread now; Slack's answer is the caller's to act on.
     *
     * @throws SlackUnavailableException when Slack does not answer
     */
    public ChatPostMessageResponse post(SourceMessage thread, String text, List<LayoutBlock> blocks) {
        awaitTurn(thread.channel());
        return slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(thread.channel())
                .threadTs(thread.answerThread()).text(text).blocks(blocks).unfurlLinks(false)));
    }

    public ChatPostMessageResponse post(SourceMessage thread, String text) {
        return post(thread, text, null);
    }

    /** Posts in the thread off the request's thread; a failure is logged, and nothing else waits for it. */
    public void postSoon(SourceMessage thread, String text, List<LayoutBlock> blocks) {
        try {
            soon.execute(() -> {
                try {
                    post(thread, text, blocks);
                } catch (SlackUnavailableException e) {
                    log.warn("not posted in the thread {} of {}: {}", thread.answerThread(), thread.channel(),
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: not posted in the thread {} of {}", thread.answerThread(), thread.channel());
        }
    }

    public void postSoon(SourceMessage thread, String text) {
        postSoon(thread, text, null);
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
    public Posted postMarked(SourceMessage thread, String eventType, Map<String, String> payload, boolean lookFirst,
                             UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        return postMarked(thread.channel(), thread.answerThread(), eventType, payload, lookFirst, message);
    }

    /**
     * {@link #postMarked} for a message of its own in a channel (a crisis cell's summary), looked for in the
     * channel's history.
     */
    public Posted postMarkedInChannel(String channel, String eventType, Map<String, String> payload, boolean lookFirst,
                                      UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        return postMarked(channel, null, eventType, payload, lookFirst, message);
    }

    /** A marked post in a thread ({@code threadTs}), or in the channel itself when {@code threadTs} is null. */
    private Posted postMarked(String channel, String threadTs, String eventType, Map<String, String> payload,
                              boolean lookFirst,
                              UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        String where = threadTs == null ? "the channel" : "the thread " + threadTs; // for operators
        if (lookFirst) {
            Optional<String> earlier = find(channel, threadTs, eventType, payload);
            if (earlier.isPresent()) {
                log.info("{} {} was already in {} of {}; not posted again", eventType, payload, where, channel);
                return new Posted(earlier.get(), true, null);
            }
        }
        awaitTurn(channel);
        ChatPostMessageResponse posted = slack.callNotRepeated("chat.postMessage", m -> m.chatPostMessage(
                r -> message.apply(r.channel(channel).threadTs(threadTs).metadata(Message.Metadata.builder()
                        .eventType(eventType).eventPayload(Map.copyOf(payload)).build()))));
        return posted.isOk() ? new Posted(posted.getTs(), false, null)
                : new Posted(null, false, posted.getError() == null ? "unknown_error" : posted.getError());
    }

    /**
     * {@link #postMarked} as the domain reads it: the message's ts; not now (Slack did not answer, or the thread
     * could not be read to look for an earlier one); or never, and why.
     */
    public ChatAnswer<ChatPost> postMarkedAnswer(SourceMessage thread, String eventType, Map<String, String> payload,
                                                 boolean lookFirst,
                                                 UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        return answer(() -> postMarked(thread, eventType, payload, lookFirst, message));
    }

    /** {@link #postMarkedInChannel} as the domain reads it, as {@link #postMarkedAnswer} does. */
    public ChatAnswer<ChatPost> postMarkedInChannelAnswer(String channel, String eventType, Map<String, String> payload,
                                                          boolean lookFirst,
                                                          UnaryOperator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> message) {
        return answer(() -> postMarked(channel, null, eventType, payload, lookFirst, message));
    }

    private static ChatAnswer<ChatPost> answer(java.util.function.Supplier<Posted> post) {
        try {
            Posted posted = post.get();
            return posted.ok() ? ChatAnswer.done(new ChatPost(posted.ts(), posted.found()))
                    : SlackErrors.notDone(posted.error());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        } catch (IllegalStateException e) {
            return new ChatAnswer.RetryLater<>(e.getMessage());
        }
    }

    /**
     * Deletes a message Pompier posted in {@code channel} after it had lost the claim on it (another replica's post
     * stands for it). A message already gone is not an error; a failure is logged, the thread keeps both.
     */
    public void delete(String channel, String ts, String what) {
        try {
            var deleted = slack.call("chat.delete", m -> m.chatDelete(r -> r.channel(channel).ts(ts)));
            if (!deleted.isOk() && !"message_not_found".equals(deleted.getError())) {
                log.warn("{} posted after its claim was lost stays in {} ({}): {}", what, channel, ts,
                        deleted.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("{} posted after its claim was lost stays in {} ({}): {}", what, channel, ts, e.getMessage());
        }
    }

    /**
     * The ts of the message marked {@code eventType} with {@code payload} in the thread (in the channel's history
     * when {@code threadTs} is null), if Slack has it.
     *
     * @throws IllegalStateException when the thread cannot be read now; try again later
     * @throws SlackUnavailableException when Slack does not answer
     */
    private Optional<String> find(String channel, String threadTs, String eventType, Map<String, String> payload) {
        return marked(channel, threadTs, eventType, payload, true).stream().findFirst();
    }

    /**
     * Deletes from the thread every message marked {@code eventType} with {@code payload} but the one at
     * {@code kept}: copies that replicas which lost their claim mid-post left there. A thread that cannot be read or
     * a copy that cannot be deleted is logged; the thread keeps it.
     */
    public void keepOnly(SourceMessage thread, String eventType, Map<String, String> payload, String kept) {
        try {
            for (String ts : marked(thread.channel(), thread.answerThread(), eventType, payload, false)) {
                if (!ts.equals(kept)) {
                    log.info("{} {} was in the thread {} of {} twice; the copy {} is deleted", eventType, payload,
                            thread.answerThread(), thread.channel(), ts);
                    delete(thread.channel(), ts, eventType + " " + payload);
                }
            }
        } catch (IllegalStateException | SlackUnavailableException e) {
            log.warn("could not look for copies of {} {} in the thread {} of {}: {}", eventType, payload,
                    thread.answerThread(), thread.channel(), e.getMessage());
        }
    }

    /** The messages marked {@code eventType} with {@code payload}, oldest first; only the first with {@code first}. */
    private List<String> marked(String channel, String threadTs, String eventType, Map<String, String> payload,
                                boolean first) {
        String where = threadTs == null ? "the history" : "the thread " + threadTs; // for operators
        List<String> found = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = cursor;
            MessagePage read = threadTs == null ? MessagePage.ofHistory(slack.call("conversations.history",
                    m -> m.conversationsHistory(r -> r.channel(channel).includeAllMetadata(true).limit(200)
                            .cursor(from))))
                    : MessagePage.ofThread(slack.call("conversations.replies", m -> m.conversationsReplies(
                    r -> r.channel(channel).ts(threadTs).includeAllMetadata(true).limit(200).cursor(from))));
            if (read.error() != null) {
                if (SlackErrors.threadGone(read.error())) {
                    return found;
                }
                throw new IllegalStateException("Slack refused to show " + where + " of " + channel
                        + " to look for an earlier " + eventType + ": " + read.error());
            }
            for (Message message : read.messages()) {
                Message.Metadata metadata = message.getMetadata();
                if (metadata != null && eventType.equals(metadata.getEventType())
                        && samePayload(payload, metadata.getEventPayload())) {
                    found.add(message.getTs());
                    if (first) {
                        return found;
                    }
                }
            }
            cursor = read.cursor();
            if (cursor == null || cursor.isEmpty()) {
                return found;
            }
        }
        log.warn("{} of {} is too long to look for an earlier {} to its end", where, channel, eventType);
        return found;
    }

    /** One page of a thread or of a channel's history: its messages, or Slack's error. */
    private record MessagePage(List<Message> messages, String cursor, String error) {
        static MessagePage ofThread(ConversationsRepliesResponse r) {
            return r.isOk() ? new MessagePage(orNone(r.getMessages()), next(r.getResponseMetadata()), null)
                    : new MessagePage(List.of(), null, r.getError());
        }

        static MessagePage ofHistory(ConversationsHistoryResponse r) {
            return r.isOk() ? new MessagePage(orNone(r.getMessages()), next(r.getResponseMetadata()), null)
                    : new MessagePage(List.of(), null, r.getError());
        }

        private static List<Message> orNone(List<Message> messages) {
            return messages == null ? List.of() : messages;
        }

        private static String next(com.slack.api.model.ResponseMetadata metadata) {
            return metadata == null ? null : metadata.getNextCursor();
        }
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
