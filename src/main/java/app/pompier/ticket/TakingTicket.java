package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A support member takes a ticket in, or a lead gives it to someone: it is theirs, at work unless support
 * already moved it on, and its take-in goal is met or missed from that moment.
 */
public final class TakingTicket {
    private final Tickets tickets;
    private final TicketNotices notices;
    private final FollowingUpChanges followUps;
    private final Clock clock;

    public TakingTicket(Tickets tickets, TicketNotices notices, FollowingUpChanges followUps, Clock clock) {
        this.tickets = tickets;
        this.notices = notices;
        this.followUps = followUps;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Taken(Ticket ticket) implements Outcome {
        }

        /** Someone has it already; a lead can reassign it. */
        record AlreadyTaken(Ticket ticket) implements Outcome {
        }

        /** Why not, said in the reader's language at the edge: {@code words.say(refused.why())}. */
        record Refused(Phrase why) implements Outcome {
        }
    }

    public Outcome take(String workspace, TicketId id, String by, Predicate<String> isSupport) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        Ticket ticket = found.get();
        if (ticket.hasEnded()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.take_ended", "ticket", id, "state",
                    ticket.state().code()));
        }
        if (ticket.assignee() != null) {
            return new Outcome.AlreadyTaken(ticket);
        }
        if (!isSupport.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.take_not_support"));
        }
        if (ticket.isRelatedReport()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.take_report", "ticket", id,
                    "incident", tickets.idOf(ticket.relatedTo())));
        }
        Instant now = clock.instant();
        TicketState to = ticket.state().onceTaken();
        Optional<Ticket> taken = tickets.giveTo(ticket.key(), ticket.state(), true, by, to, now,
                new TimelineEntry(now, "taken", by, to == ticket.state() ? "assigned"
                        : ticket.state().code() + " -> " + to.code()));
        if (taken.isEmpty()) {
            return new Outcome.AlreadyTaken(tickets.byKey(ticket.key()).orElseThrow());
        }
        followUps.changed(ticket.key(), ticket.state());
        return new Outcome.Taken(taken.get());
    }

    /** A lead gives the ticket to someone; it overrides a take, and counts as taken in. */
    public Outcome assign(String workspace, TicketId id, String assignee, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.assign_not_lead"));
        }
        Ticket ticket = found.get();
        if (ticket.hasEnded()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.assign_ended", "ticket", id, "state",
                    ticket.state().code()));
        }
        Optional<Ticket> given = giveTo(tickets, ticket, assignee, by, clock.instant());
        if (given.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.changed_meanwhile", "ticket", id));
        }
        notices.assigned(given.get(), assignee, by);
        followUps.changed(ticket.key(), ticket.state());
        return new Outcome.Taken(given.get());
    }

    /**
     * Gives the ticket to {@code assignee}, whoever had it: by a lead ({@code by}), or by the rotation (null).
     * Empty when its state changed meanwhile.
     */
    static Optional<Ticket> giveTo(Tickets tickets, Ticket ticket, String assignee, String by, Instant now) {
        return tickets.giveTo(ticket.key(), ticket.state(), false, assignee, ticket.state().onceTaken(),
                ticket.takenAt() != null ? ticket.takenAt() : now, new TimelineEntry(now, "assigned", by, assignee));
    }
}
