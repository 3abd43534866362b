package app.pompier.crisis.slack;

import app.pompier.slack.SlackErrors;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.crisis.CellChannel;
import app.pompier.crisis.CellMessage;
import app.pompier.crisis.CellTopic;
import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.TicketId;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CellChannel} in Slack: what each Web API answer means for the crisis procedure. The gateway has
 * already waited out 429s (Tier 2 on {@code conversations.create}); what still fails is "not now" unless Slack's
 * error says it will never work.
 */
public final class SlackCellChannel implements CellChannel {
    private static final Logger log = LoggerFactory.getLogger(SlackCellChannel.class);
    /** The metadata event type that marks a cell's summary, so that a retried step finds it. */
    static final String SUMMARY_EVENT = "pompier_cell_summary";
    /** The metadata event type that marks each part of the whole texts in the summary's thread. */
    static final String WHOLE_TEXT_EVENT = "pompier_cell_whole_text";
    private final SlackGateway slack;
    private final TicketThread thread;
    private final CellMessages messages;
    private final Languages languages;
    private final String botUserId;

    /** @param languages what each cell speaks: the language of the channel its ticket was reported in */
    public SlackCellChannel(SlackGateway slack, TicketThread thread, CellMessages messages, Languages languages,
                            String botUserId) {
        this.slack = slack;
        this.thread = thread;
        this.messages = messages;
        this.languages = languages;
        this.botUserId = botUserId;
    }

    @Override
    public ChatAnswer<String> create(String name) {
        try {
            var created = slack.call("conversations.create", m -> m.conversationsCreate(r -> r.name(name)
                    .isPrivate(false)));
            if (created.isOk()) {
                return ChatAnswer.done(created.getChannel().getId());
            }
            return NAME_TAKEN.equals(created.getError()) ? new ChatAnswer.CannotSucceed<>(NAME_TAKEN)
                    : SlackErrors.notDone(created.getError());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }

    @Override
    public ChatAnswer<Optional<String>> ownChannelNamed(String name, Instant since) {
        try {
            String cursor = null;
            do {
                String page = cursor;
                var list = slack.call("conversations.list", m -> m.conversationsList(r -> r
                        .types(List.of(ConversationType.PUBLIC_CHANNEL)).limit(1000).cursor(page)));
                if (!list.isOk()) {
                    return SlackErrors.notDone(list.getError());
                }
                for (Conversation c : list.getChannels()) {
                    if (name.equals(c.getName()) && botUserId.equals(c.getCreator())
                            && c.getCreated() != null && c.getCreated() >= since.getEpochSecond()) {
                        return ChatAnswer.done(Optional.of(c.getId()));
                    }
                }
                cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
            } while (cursor != null && !cursor.isEmpty());
            return ChatAnswer.done(Optional.empty());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }

    @Override
    public ChatAnswer<Void> invite(String channelId, String user) {
        if (user.equals(botUserId)) {
            // Pompier made the channel: it is in it already.
            return ChatAnswer.done();
        }
        return done(() -> slack.call("conversations.invite",
                m -> m.conversationsInvite(r -> r.channel(channelId).users(List.of(user)))));
    }

    @Override
    public ChatAnswer<Void> setTopic(String channelId, String ticketChannel, CellTopic topic) {
        String text = messages.topic(languages.channel(ticketChannel), topic);
        return done(() -> slack.call("conversations.setTopic",
                m -> m.conversationsSetTopic(r -> r.channel(channelId).topic(text))));
    }

    @Override
    public ChatAnswer<String> post(String channelId, String ticketChannel, CellMessage message) {
        Words words = languages.channel(ticketChannel);
        if (message instanceof CellMessage.Summary summary) {
            return postSummary(channelId, words, summary);
        }
        CellMessages.Drawn drawn = messages.draw(words, message);
        return posted(() -> slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channelId)
                .text(drawn.text()).blocks(drawn.blocks()).unfurlLinks(false))));
    }

    /**
     * The summary, then the whole of each text it cuts in its thread, each message marked with what it is. The
     * procedure runs the step again when it was not done, so an attempt finds in the channel what an earlier one
     * posted (its answer lost, or a part of the thread not posted) and posts only what is missing. Always looked
     * for, since a first attempt cannot be told from a retry here; the cell is new, so its history is short.
     */
    private ChatAnswer<String> postSummary(String channelId, Words words, CellMessage.Summary summary) {
        CellMessages.Drawn drawn = messages.draw(words, summary);
        String ticket = String.valueOf(summary.ticket().key());
        TicketThread.Posted posted;
        try {
            posted = thread.postMarkedInChannel(channelId, SUMMARY_EVENT, Map.of("ticket", ticket), true, r -> r
                    .text(drawn.text()).blocks(drawn.blocks()).unfurlLinks(false));
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        } catch (IllegalStateException e) {
            return new ChatAnswer.RetryLater<>(e.getMessage());
        }
        if (!posted.ok()) {
            return SlackErrors.notDone(posted.error());
        }
        SourceMessage inThread = new SourceMessage(summary.ticket().source().workspace(), channelId, posted.ts(),
                null);
        List<String> parts = messages.wholeTexts(words, summary);
        for (int part = 1; part <= parts.size(); part++) {
            String text = parts.get(part - 1);
            ChatAnswer<ChatPost> whole = thread.postMarkedAnswer(inThread, WHOLE_TEXT_EVENT, Map.of("ticket", ticket,
                    "part", String.valueOf(part)), posted.found(), r -> r.text(text).unfurlLinks(false)
                    .unfurlMedia(false));
            if (whole instanceof ChatAnswer.RetryLater<ChatPost> later) {
                return new ChatAnswer.RetryLater<>(later.reason());
            }
            if (whole instanceof ChatAnswer.CannotSucceed<ChatPost> never) {
                // The summary is there and can be pinned: what Slack will never take is not worth a failed step.
                log.warn("crisis cell of {}: the whole text of its summary stops at part {} of {}: {}",
                        summary.ticket().id(), part, parts.size(), never.why());
                break;
            }
        }
        return ChatAnswer.done(posted.ts());
    }

    @Override
    public ChatAnswer<String> postInThread(SourceMessage where, CellMessage message) {
        CellMessages.Drawn drawn = messages.draw(languages.channel(where.channel()), message);
        return posted(() -> thread.post(where, drawn.text(), drawn.blocks()));
    }

    @Override
    public ChatAnswer<Void> pin(String channelId, String messageId) {
        return done(() -> slack.call("pins.add", m -> m.pinsAdd(r -> r.channel(channelId).timestamp(messageId))));
    }

    @Override
    public ChatAnswer<Void> bookmark(String channelId, String ticketChannel, TicketId ticket, String link) {
        String title = messages.bookmark(languages.channel(ticketChannel), ticket);
        return done(() -> slack.call("bookmarks.add", m -> m.bookmarksAdd(r -> r.channelId(channelId).title(title)
                .type("link").link(link))));
    }

    @Override
    public ChatAnswer<Void> archive(String channelId) {
        return done(() -> slack.call("conversations.archive", m -> m.conversationsArchive(r -> r.channel(channelId))));
    }

    private static ChatAnswer<Void> done(java.util.function.Supplier<? extends SlackApiTextResponse> call) {
        try {
            SlackApiTextResponse response = call.get();
            return response.isOk() || SlackErrors.alreadyDone(response.getError()) ? ChatAnswer.done()
                    : SlackErrors.notDone(response.getError());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }

    @Override
    public void delete(String channelId, String messageId) {
        thread.delete(channelId, messageId, "a crisis cell's message");
    }

    private static ChatAnswer<String> posted(
            java.util.function.Supplier<com.slack.api.methods.response.chat.ChatPostMessageResponse> call) {
        try {
            var response = call.get();
            return response.isOk() ? ChatAnswer.done(response.getTs()) : SlackErrors.notDone(response.getError());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }
}
