package app.pompier.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Posts each new ticket's card after the Slack request was acked. The ticket row is the outbox: a card still
 * to post has a due time and is claimed with a lease, so a crash or a chat outage delays the card but never
 * loses it, and a periodic sweep picks up whatever is due. A card that cannot be posted is tried again with a
 * growing delay, at most eight times; one that never will (Pompier is not in the channel) is given up at once
 * and the person who asked is told what to do. The ticket is kept either way.
 *
 * <p>A card is posted under its claim (see {@link Claims}): a replica that lost it (a long wait on the chat, a freeze
 * during which the others took the card over) posts nothing more of it and records nothing; a card it posted in the
 * instant before it lost the claim, which the new holder did not find, is deleted, so that the thread shows one.
 *
 * <p>Before its first answer a report is triaged: one that belongs to an incident already known gets a reply naming
 * it instead of a card. Every post goes through its channel's lane, so a burst of reports in one channel is
 * answered at the pace the chat accepts there, in order of arrival, without holding up the other channels.
 */
public final class PostingCards {
    private static final System.Logger log = System.getLogger(PostingCards.class.getName());
    private static final Retrying RETRYING = Retrying.OUTBOX;
    /** How long a card given back (its claim lost, its turn not had) waits before it is tried again. */
    private static final java.time.Duration RELEASED_FOR = java.time.Duration.ofSeconds(5);

    private final Tickets tickets;
    private final TicketCards cards;
    private final NewTicketAnswers answers;
    private final ReportTriage triage;
    private final Clock clock;
    private final ChannelLanes lanes;
    private final Claims claims;

    /**
     * @param lanes  where cards are posted, off the request's thread, in the lane of their channel
     * @param claims the claims each card is posted under
     */
    public PostingCards(Tickets tickets, TicketCards cards, NewTicketAnswers answers, ReportTriage triage, Clock clock,
                        ChannelLanes lanes, Claims claims) {
        this.claims = claims;
        this.tickets = tickets;
        this.cards = cards;
        this.answers = answers;
        this.triage = triage;
        this.clock = clock;
        this.lanes = lanes;
    }

    /**
     * Posts the ticket's first answer off the request's thread; if the lanes are gone, the sweep will post it. The
     * report is triaged meanwhile, ahead of its turn in the lane.
     */
    public void postSoon(Ticket ticket) {
        postSoon(ticket.key(), ticket.source().channel());
        triage.triageSoon(ticket);
    }

    private void postSoon(long key, String channel) {
        if (!lanes.submit(channel, "card:" + key, ChannelLanes.Urgency.FIRST_ANSWER, () -> post(key))) {
            log.log(System.Logger.Level.DEBUG, "shutting down: the card of ticket {0} is left to the next start", key);
        }
    }

    /** Hands every card that is due to its channel's lane; returns how many. */
    public int sweep(int limit) {
        List<Tickets.CardDue> due = tickets.cardsDue(clock.instant(), limit);
        due.forEach(d -> postSoon(d.key(), d.channel()));
        return due.size();
    }

    /** Does the work of one card if this process wins its lease. */
    public void post(long key) {
        if (lanes.isShutdown()) {
            // Shutting down: the card stays due in the store, and the next start posts it. Posting a backlog
            // here would only hold the shutdown up, then fail when the store closes.
            return;
        }
        Instant now = clock.instant();
        Claim claim = claims.take("the first answer of ticket " + key, RETRYING.lease());
        int attempt;
        try {
            attempt = tickets.claimCard(key, now, now.plus(RETRYING.lease()));
        } catch (RuntimeException e) {
            // Its row busy (another replica deciding it into an incident) or the store out of reach: the sweep comes
            // back to it within seconds.
            log.log(System.Logger.Level.WARNING, "ticket {0}: its card could not be claimed now ({1})", key,
                    e.toString());
            return;
        }
        if (attempt == 0) {
            return;
        }
        Ticket ticket = tickets.byKey(key).orElseThrow();
        try {
            claims.under(claim, () -> post(ticket, attempt));
        } catch (ClaimLost | TurnUnavailable e) {
            log.log(System.Logger.Level.WARNING, "ticket {0}: {1}", ticket.id(), e.getMessage());
            // Nothing was posted by this attempt: it is given back without counting, due again in a moment (the next
            // attempt looks in the thread first, as any after the first does). Taken over meanwhile: the new
            // holder's, and this records nothing.
            tickets.releaseCard(key, attempt, clock.instant().plus(RELEASED_FOR));
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "ticket " + ticket.id() + ": posting its card failed", e);
            fail(ticket, new ChatAnswer.RetryLater<Void>("internal_error: " + e), attempt);
        }
    }

    private void post(Ticket claimed, int attempt) {
        long key = claimed.key();
        Ticket ticket = claimed;
        String before = recordedAnswer(claimed);
        if (!ticket.sourceKnown()) {
            ChatAnswer<TicketCards.Source> read = cards.readSource(ticket);
            if (!(read instanceof ChatAnswer.Done<TicketCards.Source> source)) {
                fail(ticket, read, attempt);
                return;
            }
            tickets.completeSource(key, source.value().author(), source.value().text(), source.value().threadTs());
            ticket = tickets.byKey(key).orElseThrow();
        }
        ticket = triage.triage(ticket);
        if (ticket.isRelatedReport()) {
            postRelated(ticket, attempt, before);
            return;
        }
        // An attempt after the first may follow one whose post reached the chat all the same (a crash, an
        // answer lost to a timeout): the card is looked for in the thread before being posted.
        ChatAnswer<TicketCards.Posted> posted = cards.post(ticket, attempt > 1);
        if (!(posted instanceof ChatAnswer.Done<TicketCards.Posted> card)) {
            fail(ticket, posted, attempt);
            return;
        }
        if (!tickets.cardPosted(key, attempt, card.value().ts(), card.value().permalink(), clock.instant())) {
            lostMidPost(ticket, card.value(), before);
            return;
        }
        Ticket latest = tickets.byKey(key).orElseThrow();
        Ticket shown = ticket;
        // Recorded: what follows is this replica's to do, whatever becomes of the claim now.
        claims.unclaimed(() -> {
            keepOnlyRecorded(shown, attempt, card.value());
            if (changedMeanwhile(shown, latest)) {
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
        });
    }

    /** The first answer recorded in the store: the reply naming an incident for a related report, else the card. */
    private static String recordedAnswer(Ticket ticket) {
        return ticket.isRelatedReport() ? ticket.relatedReplyTs() : ticket.cardTs();
    }

    /** A related report's first answer: one reply naming its incident, not a card. */
    private void postRelated(Ticket report, int attempt, String before) {
        Ticket incident = tickets.byKey(report.relatedTo()).orElseThrow();
        ChatAnswer<TicketCards.Posted> reply = cards.postRelated(report, incident, attempt > 1);
        if (!(reply instanceof ChatAnswer.Done<TicketCards.Posted> posted)) {
            fail(report, reply, attempt);
            return;
        }
        if (!tickets.relatedReplyPosted(report.key(), attempt, posted.value().ts(), incident.key(), clock.instant())) {
            lostMidPost(report, posted.value(), before);
            return;
        }
        claims.unclaimed(() -> keepOnlyRecorded(report, attempt, posted.value()));
    }

    /**
     * An answer posted by an attempt after the first, and recorded: a replica that lost an earlier attempt's claim
     * while its post was on the way (a freeze, a long wait) may have left a copy that this attempt did not find. A
     * copy that lands from now on is the losing replica's to delete ({@link #lostMidPost}): it reads this record.
     */
    private void keepOnlyRecorded(Ticket ticket, int attempt, TicketCards.Posted posted) {
        if (attempt > 1 && !posted.found()) {
            cards.keepOnly(ticket, posted.ts());
        }
    }

    /**
     * The claim was lost while the answer was on its way to the chat: another replica holds it and answers. What
     * this one posted is deleted once the holder recorded another answer since this claim was taken ({@code before}
     * is what was recorded then); until then it may be the one the holder finds in the thread and records, and a
     * thread with two answers is better than one with none.
     */
    private void lostMidPost(Ticket ticket, TicketCards.Posted posted, String before) {
        Ticket latest = tickets.byKey(ticket.key()).orElse(ticket);
        String recorded = recordedAnswer(latest);
        boolean superseded = !posted.found() && recorded != null && !recorded.equals(before)
                && !recorded.equals(posted.ts());
        log.log(System.Logger.Level.WARNING, "ticket {0}: its first answer was taken over by another replica while"
                + " this one posted it{1}", ticket.id(), superseded ? "; this copy is deleted" : "");
        if (superseded) {
            claims.unclaimed(() -> cards.withdraw(ticket, posted.ts()));
        }
    }

    private static boolean changedMeanwhile(Ticket shown, Ticket latest) {
        return latest.qualificationRevision() != shown.qualificationRevision() || latest.state() != shown.state()
                || !Objects.equals(latest.assignee(), shown.assignee())
                || !Objects.equals(latest.relatedTo(), shown.relatedTo());
    }

    private void fail(Ticket ticket, ChatAnswer<?> answer, int attempt) {
        Instant now = clock.instant();
        String why = answer.problem() == null ? "unknown_error" : answer.problem();
        boolean never = answer instanceof ChatAnswer.CannotSucceed;
        Instant retryAt = never ? null : RETRYING.next(attempt, now);
        if (!tickets.cardFailed(ticket.key(), attempt, why, retryAt, now)) {
            log.log(System.Logger.Level.INFO, "ticket {0}: its card was taken over by another replica", ticket.id());
            return;
        }
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
