package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.outage.slack.OutageWords;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackErrors;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.slack.CallBudget;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketCards;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * {@link TicketCards} in Slack. The card carries its ticket in message metadata, so an attempt after one whose
 * outcome is unknown finds it in the thread instead of posting it twice.
 */
public final class SlackTicketCards implements TicketCards {
    private static final Logger log = LoggerFactory.getLogger(SlackTicketCards.class);
    static final String TICKET_REACTION = "ticket";
    /** The metadata event type that marks a ticket's card, so that a card can be found again. */
    static final String CARD_EVENT = "pompier_ticket_card";
    /** The metadata event type that marks the reply a related report gets instead of a card. */
    static final String RELATED_EVENT = "pompier_related_reply";

    private final SlackGateway slack;
    private final TicketThread thread;
    private final PrivateAnswers answers;
    private final CardBlocks blocks;
    private final OutageWords outage;
    private final Languages languages;
    private final CallBudget reactions;

    /** @param reactions what {@code reactions.add} may still take in the workspace; each mark counts in it */
    public SlackTicketCards(SlackGateway slack, TicketThread thread, PrivateAnswers answers, CardBlocks blocks,
                            OutageWords outage, Languages languages, CallBudget reactions) {
        this.reactions = reactions;
        this.languages = languages;
        this.slack = slack;
        this.thread = thread;
        this.answers = answers;
        this.blocks = blocks;
        this.outage = outage;
    }

    @Override
    public ChatAnswer<Source> readSource(Ticket ticket) {
        SourceMessage source = ticket.source();
        try {
            ConversationsRepliesResponse replies = slack.call("conversations.replies", m -> m.conversationsReplies(r -> r
                    .channel(source.channel()).ts(source.ts()).latest(source.ts()).inclusive(true).limit(1)));
            if (!replies.isOk()) {
                return SlackErrors.notDone(replies.getError());
            }
            Optional<Message> message = replies.getMessages() == null ? Optional.empty()
                    : replies.getMessages().stream().filter(msg -> source.ts().equals(msg.getTs())).findFirst();
            if (message.isEmpty()) {
                return new ChatAnswer.CannotSucceed<>("message_not_found");
            }
            Message m = message.get();
            return ChatAnswer.done(new Source(m.getUser() != null ? m.getUser() : m.getBotId(),
                    SlackText.plain(m.getText()), m.getThreadTs()));
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }

    @Override
    public ChatAnswer<Posted> post(Ticket ticket, boolean mayBeThere) {
        SourceMessage source = ticket.source();
        ChatGetPermalinkResponse link;
        try {
            link = slack.call("chat.getPermalink",
                    m -> m.chatGetPermalink(r -> r.channel(source.channel()).messageTs(source.ts())));
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
        ChatAnswer<ChatPost> card = thread.postMarkedAnswer(source, CARD_EVENT, Map.of("ticket",
                String.valueOf(ticket.key())), mayBeThere, r -> r
                .text(CardBlocks.fallbackText(blocks.wordsOf(ticket), ticket))
                .blocks(blocks.of(ticket))
                .unfurlLinks(false)
                .unfurlMedia(false));
        return posted(card, link.isOk() ? link.getPermalink() : null);
    }

    /** A card or a reply in its thread, as the domain keeps it. */
    private static ChatAnswer<Posted> posted(ChatAnswer<ChatPost> answer, String permalink) {
        if (answer instanceof ChatAnswer.Done<ChatPost> done) {
            return ChatAnswer.done(new Posted(done.value().ts(), permalink, done.value().found()));
        }
        return answer instanceof ChatAnswer.CannotSucceed<ChatPost> never ? new ChatAnswer.CannotSucceed<>(never.why())
                : new ChatAnswer.RetryLater<>(answer.problem());
    }

    @Override
    public ChatAnswer<Posted> postRelated(Ticket report, Ticket incident, boolean mayBeThere) {
        // Marked with the incident too: a report linked elsewhere later gets the reply naming that one.
        return posted(thread.postMarkedAnswer(report.source(), RELATED_EVENT, Map.of("ticket",
                String.valueOf(report.key()), "incident", String.valueOf(incident.key())), mayBeThere, r -> r
                .text(outage.replyText(report, incident))
                .blocks(outage.reply(report, incident))
                .unfurlLinks(false)
                .unfurlMedia(false)), null);
    }

    @Override
    public void withdraw(Ticket ticket, String ts) {
        thread.delete(ticket.source().channel(), ts, "the first answer of " + ticket.id());
    }

    @Override
    public void keepOnly(Ticket ticket, String ts) {
        // A related report's reply names its incident too; copies naming any incident go.
        thread.keepOnly(ticket.source(), ticket.isRelatedReport() ? RELATED_EVENT : CARD_EVENT,
                Map.of("ticket", String.valueOf(ticket.key())), ts);
    }

    @Override
    public void redraw(Ticket ticket) {
        if (!ticket.hasCard()) {
            // A card not posted yet needs nothing: it will be drawn from the ticket as it then is.
            return;
        }
        try {
            var updated = slack.call("chat.update", m -> m.chatUpdate(r -> r
                    .channel(ticket.source().channel())
                    .ts(ticket.cardTs())
                    .text(CardBlocks.fallbackText(blocks.wordsOf(ticket), ticket))
                    .blocks(blocks.of(ticket))));
            if (!updated.isOk()) {
                log.warn("ticket {}: its card could not be updated: {}", ticket.id(), updated.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("ticket {}: its card could not be updated: {}", ticket.id(), e.getMessage());
        }
    }

    @Override
    public void mark(Ticket ticket) {
        SourceMessage source = ticket.source();
        reactions.spend();
        try {
            var reacted = slack.call("reactions.add", m -> m.reactionsAdd(r -> r.channel(source.channel())
                    .timestamp(source.ts()).name(TICKET_REACTION)));
            if (!reacted.isOk() && !SlackErrors.alreadyDone(reacted.getError())) {
                log.warn("ticket {}: card posted but the :{}: reaction failed: {}", ticket.id(), TICKET_REACTION,
                        reacted.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("ticket {}: card posted but the :{}: reaction failed: {}", ticket.id(), TICKET_REACTION,
                    e.getMessage());
        }
    }

    /** A direct message, since the channel itself is what failed: in the language of the person who asked. */
    @Override
    public void tellCardFailed(Ticket ticket, String why) {
        Words say = languages.person(ticket.openedBy(), ticket.source().channel());
        String hint = switch (why) {
            case "not_in_channel", "channel_not_found" -> say.say("shared.slack.not_in_channel",
                    "channel", ticket.source().channel());
            case "is_archived" -> say.say("shared.slack.archived");
            case "message_not_found", "thread_not_found" -> say.say("shared.slack.message_deleted");
            default -> say.say("shared.slack.answered", "code", SlackText.escape(why));
        };
        String text = say.say("ticket.card_failed", "ticket", ticket.id(), "hint", hint);
        try {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(ticket.openedBy())
                    .text(text)));
        } catch (SlackUnavailableException e) {
            log.error("ticket {}: could not tell {} that its card failed: {}", ticket.id(), ticket.openedBy(),
                    e.getMessage());
        }
    }

    @Override
    public void tellAlreadyOpen(Ticket ticket, String user, String channel) {
        Words say = languages.person(user, channel);
        answers.tellSoon(channel, ticket.source().answerThread(), user, say.say("ticket.already_open",
                "ticket", ticket.id(), "state", say.say(ticket.state().phrase()),
                "link", ticket.permalink() != null ? ticket.permalink() : "none"));
    }
}
