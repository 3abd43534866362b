package app.pompier.slack;

import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.Tickets;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Posts each new ticket's card in the thread of its message, after the Slack request was acked.
 * The ticket row is the outbox: a card still to post has a due time, so a crash or a Slack outage
 * delays the card but never loses it; a periodic sweep picks up whatever is due.
 */
public final class TicketCards {
    private static final Logger log = LoggerFactory.getLogger(TicketCards.class);
    static final String TICKET_REACTION = "ticket";
    /** The metadata event type that marks a ticket's card, so that a card can be found again. */
    static final String CARD_EVENT = "pompier_ticket_card";
    private static final int MAX_ATTEMPTS = 8;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Tickets tickets;
    private final SlackGateway slack;
    private final TicketThread thread;
    private final PrivateAnswers answers;
    private final Clock clock;
    private final ExecutorService executor;
    private final Function<Ticket, CardDetails> detailsOf;
    private final java.util.function.Consumer<Ticket> afterCard;

    /**
     * @param detailsOf what a ticket's card shows besides the ticket: what its report lacks, its SLA
     * @param afterCard what else a new ticket gets once its card is posted (the maintenance answer)
     */
    public TicketCards(Tickets tickets, SlackGateway slack, TicketThread thread, PrivateAnswers answers, Clock clock,
                       ExecutorService executor, Function<Ticket, CardDetails> detailsOf,
                       java.util.function.Consumer<Ticket> afterCard) {
        this.afterCard = afterCard;
        this.tickets = tickets;
        this.slack = slack;
        this.thread = thread;
        this.answers = answers;
        this.clock = clock;
        this.executor = executor;
        this.detailsOf = detailsOf;
    }

    /** Posts the card off the request thread; if the executor is gone, the sweep will post it. */
    public void postSoon(long key) {
        try {
            executor.execute(() -> post(key));
        } catch (RejectedExecutionException e) {
            log.warn("card of ticket {} left to the next sweep: {}", key, e.getMessage());
        }
    }

    /** Posts every card that is due; returns how many were taken. */
    public int sweep(int limit) {
        var due = tickets.cardsDue(clock.instant(), limit);
        due.forEach(this::post);
        return due.size();
    }

    /** Does the work of one card if this process wins its lease. */
    public void post(long key) {
        if (executor.isShutdown()) {
            // Shutting down: the card stays due in the store, and the next start posts it. Posting a backlog
            // here would only hold the shutdown up, then fail when the store closes.
            return;
        }
        Instant now = clock.instant();
        int attempt = tickets.claimCard(key, now, now.plus(LEASE));
        if (attempt == 0) {
            return;
        }
        Ticket ticket = tickets.byKey(key).orElseThrow();
        try {
            if (!ticket.sourceKnown()) {
                Optional<String> problem = fetchSource(ticket);
                if (problem.isPresent()) {
                    fail(ticket, problem.get(), attempt);
                    return;
                }
                ticket = tickets.byKey(key).orElseThrow();
            }
            Ticket shown = ticket;
            SourceMessage source = shown.source();
            ChatGetPermalinkResponse link = slack.call("chat.getPermalink",
                    m -> m.chatGetPermalink(r -> r.channel(source.channel()).messageTs(source.ts())));
            // An attempt after the first may follow one whose post reached Slack all the same (a crash, an
            // answer lost to a timeout or a 5xx): the card is looked for in the thread before being posted.
            TicketThread.Posted card = thread.postMarked(source, CARD_EVENT, Map.of("ticket", String.valueOf(key)), attempt > 1, r -> r
                            .text(TicketCard.fallbackText(shown))
                            .blocks(TicketCard.blocks(shown, detailsOf.apply(shown)))
                            .unfurlLinks(false)
                            .unfurlMedia(false));
            if (!card.ok()) {
                fail(shown, card.error(), attempt);
                return;
            }
            tickets.cardPosted(key, card.ts(), link.isOk() ? link.getPermalink() : null, clock.instant());
            // A change recorded while the card was on its way found no card to redraw: redraw it now.
            Ticket latest = tickets.byKey(key).orElseThrow();
            if (latest.qualificationRevision() != shown.qualificationRevision() || latest.state() != shown.state()
                    || !java.util.Objects.equals(latest.assignee(), shown.assignee())) {
                refresh(latest);
            }
            try {
                afterCard.accept(latest);
            } catch (RuntimeException e) {
                log.warn("ticket {}: card posted, but what follows it failed: {}", shown.id(), e.getMessage());
            }
            var reacted = slack.call("reactions.add",
                    m -> m.reactionsAdd(r -> r.channel(source.channel()).timestamp(source.ts()).name(TICKET_REACTION)));
            if (!reacted.isOk() && !"already_reacted".equals(reacted.getError())) {
                log.warn("ticket {}: card posted but the :{}: reaction failed: {}", shown.id(), TICKET_REACTION,
                        reacted.getError());
            }
        } catch (SlackUnavailableException e) {
            fail(ticket, "slack_unavailable: " + e.getMessage(), attempt);
        } catch (RuntimeException e) {
            log.error("ticket {}: posting its card failed", ticket.id(), e);
            fail(ticket, "internal_error: " + e, attempt);
        }
    }

    /**
     * Redraws a ticket's card in place after a change. A card not posted yet needs nothing: it will be
     * drawn from the ticket as it then is.
     */
    public void refresh(Ticket ticket) {
        if (!ticket.hasCard()) {
            return;
        }
        try {
            var updated = slack.call("chat.update", m -> m.chatUpdate(r -> r
                    .channel(ticket.source().channel())
                    .ts(ticket.cardTs())
                    .text(TicketCard.fallbackText(ticket))
                    .blocks(TicketCard.blocks(ticket, detailsOf.apply(ticket)))));
            if (!updated.isOk()) {
                log.warn("ticket {}: its card could not be updated: {}", ticket.id(), updated.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("ticket {}: its card could not be updated: {}", ticket.id(), e.getMessage());
        }
    }

    /** Tells the person who asked for a ticket on a message that already is one which ticket it is. */
    public void tellAlreadyOpen(Ticket ticket, String user, String channel) {
        String where = ticket.permalink() != null ? " (<" + ticket.permalink() + "|see the message>)" : "";
        answers.tellSoon(channel, ticket.source().answerThread(), user, "This message is already ticket *"
                + ticket.id() + "* (" + ticket.state().label() + ")" + where + ". Its card is in the thread.");
    }

    private Optional<String> fetchSource(Ticket ticket) {
        SourceMessage source = ticket.source();
        ConversationsRepliesResponse replies = slack.call("conversations.replies", m -> m.conversationsReplies(r -> r
                .channel(source.channel()).ts(source.ts()).latest(source.ts()).inclusive(true).limit(1)));
        if (!replies.isOk()) {
            return Optional.of(replies.getError());
        }
        Optional<Message> message = replies.getMessages() == null ? Optional.empty()
                : replies.getMessages().stream().filter(msg -> source.ts().equals(msg.getTs())).findFirst();
        if (message.isEmpty()) {
            return Optional.of("message_not_found");
        }
        Message m = message.get();
        String author = m.getUser() != null ? m.getUser() : m.getBotId();
        tickets.completeSource(ticket.key(), author, SlackText.plain(m.getText()), m.getThreadTs());
        return Optional.empty();
    }

    private void fail(Ticket ticket, String error, int attempt) {
        Instant now = clock.instant();
        String code = error == null ? "unknown_error" : error;
        boolean permanent = SlackErrors.permanent(code);
        Instant retryAt = permanent || attempt >= MAX_ATTEMPTS ? null
                : now.plus(Duration.ofSeconds(30L << Math.min(attempt - 1, 6)));
        tickets.cardFailed(ticket.key(), code, retryAt, now);
        if (retryAt == null) {
            log.error("ticket {}: its card cannot be posted in {} ({}); the ticket is kept", ticket.id(),
                    ticket.source().channel(), code);
            tellRequesterCardFailed(ticket, code);
        } else {
            log.warn("ticket {}: card not posted ({}), retrying at {}", ticket.id(), code, retryAt);
        }
    }

    /** A direct message, since the channel itself is what failed. */
    private void tellRequesterCardFailed(Ticket ticket, String error) {
        String hint = switch (error) {
            case "not_in_channel", "channel_not_found" -> "Pompier is not a member of <#" + ticket.source().channel()
                    + ">: invite it there with `/invite @Pompier`.";
            case "is_archived" -> "The channel is archived.";
            case "message_not_found", "thread_not_found" -> "The message was deleted.";
            default -> "Slack answered `" + SlackText.escape(error) + "`.";
        };
        try {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(ticket.openedBy())
                    .text("Ticket *" + ticket.id() + "* is recorded, but I could not post its card in the thread. "
                            + hint)));
        } catch (SlackUnavailableException e) {
            log.error("ticket {}: could not tell {} that its card failed: {}", ticket.id(), ticket.openedBy(),
                    e.getMessage());
        }
    }
}
