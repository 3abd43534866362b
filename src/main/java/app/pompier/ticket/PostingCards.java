package app.pompier.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Posts each new ticket's card after the Slack request was acked. The ticket row is the outbox: a card still
 * to post has a due time and is claimed with a lease, so a crash or a chat outage delays the card but never
 * loses it, and a periodic sweep picks up whatever is due. A card that cannot be posted is tried again with a
 * growing delay, at most eight times; one that never will (Pompier is not in the channel) is given up at once
 * and the person who asked is told what to do. The ticket is kept either way.
 */
public final class PostingCards {
    private static final System.Logger log = System.getLogger(PostingCards.class.getName());
    private static final int MAX_ATTEMPTS = 8;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    private final Tickets tickets;
    private final TicketCards cards;
    private final NewTicketAnswers answers;
    private final Clock clock;
    private final ExecutorService executor;

    /** @param executor where cards are posted, off the request's thread */
    public PostingCards(Tickets tickets, TicketCards cards, NewTicketAnswers answers, Clock clock,
                        ExecutorService executor) {
        this.tickets = tickets;
        this.cards = cards;
        this.answers = answers;
        this.clock = clock;
        this.executor = executor;
    }

    /** Posts the card off the request's thread; if the executor is gone, the sweep will post it. */
    public void postSoon(long key) {
        try {
            executor.execute(() -> post(key));
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.WARNING, "card of ticket {0} left to the next sweep: {1}", key, e.getMessage());
        }
    }

    /** Posts every card that is due; returns how many were taken. */
    public int sweep(int limit) {
        List<Long> due = tickets.cardsDue(clock.instant(), limit);
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
                ChatAnswer<TicketCards.Source> read = cards.readSource(ticket);
                if (!(read instanceof ChatAnswer.Done<TicketCards.Source> source)) {
                    fail(ticket, read, attempt);
                    return;
                }
                tickets.completeSource(key, source.value().author(), source.value().text(), source.value().threadTs());
                ticket = tickets.byKey(key).orElseThrow();
            }
            // An attempt after the first may follow one whose post reached the chat all the same (a crash, an
            // answer lost to a timeout): the card is looked for in the thread before being posted.
            ChatAnswer<TicketCards.Posted> posted = cards.post(ticket, attempt > 1);
            if (!(posted instanceof ChatAnswer.Done<TicketCards.Posted> card)) {
                fail(ticket, posted, attempt);
                return;
            }
            tickets.cardPosted(key, card.value().ts(), card.value().permalink(), clock.instant());
            Ticket latest = tickets.byKey(key).orElseThrow();
            if (changedMeanwhile(ticket, latest)) {
                // A change recorded while the card was on its way found no card to redraw.
                cards.redraw(latest);
            }
            try {
                answers.answer(latest);
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "ticket {0}: card posted, but what follows it failed: {1}",
                        latest.id(), e.toString());
            }
            cards.mark(latest);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "ticket " + ticket.id() + ": posting its card failed", e);
            fail(ticket, new ChatAnswer.RetryLater<Void>("internal_error: " + e), attempt);
        }
    }

    private static boolean changedMeanwhile(Ticket shown, Ticket latest) {
        return latest.qualificationRevision() != shown.qualificationRevision() || latest.state() != shown.state()
                || !Objects.equals(latest.assignee(), shown.assignee());
    }

    private void fail(Ticket ticket, ChatAnswer<?> answer, int attempt) {
        Instant now = clock.instant();
        String why = answer.problem() == null ? "unknown_error" : answer.problem();
        boolean never = answer instanceof ChatAnswer.CannotSucceed;
        Instant retryAt = never || attempt >= MAX_ATTEMPTS ? null
                : now.plus(FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 6)));
        tickets.cardFailed(ticket.key(), why, retryAt, now);
        if (retryAt == null) {
            log.log(System.Logger.Level.ERROR, "ticket {0}: its card cannot be posted in {1} ({2}); the ticket is kept",
                    ticket.id(), ticket.source().channel(), why);
            cards.tellCardFailed(ticket, why);
        } else {
            log.log(System.Logger.Level.WARNING, "ticket {0}: card not posted ({1}), retrying at {2}", ticket.id(), why,
                    retryAt);
        }
    }
}
