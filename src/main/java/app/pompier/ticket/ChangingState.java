package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Support moves a ticket along: waiting on the reporter (the SLA pauses), back in progress, resolved;
 * a lead closes it. Who may do what is decided here; refusals are answers, not errors.
 */
public final class ChangingState {
    /** What support sets by hand; the rest follows from qualification, take-in and closing. */
    public static final Set<TicketState> SETTABLE = EnumSet.of(TicketState.WAITING, TicketState.IN_PROGRESS,
            TicketState.RESOLVED);

    private final Tickets tickets;
    private final FollowingUpChanges followUps;
    private final Clock clock;

    public ChangingState(Tickets tickets, FollowingUpChanges followUps, Clock clock) {
        this.tickets = tickets;
        this.followUps = followUps;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Changed(Ticket before, Ticket after) implements Outcome {
        }

        /** Why not, said in the reader's language at the edge: {@code words.say(refused.why())}. */
        record Refused(Phrase why) implements Outcome {
        }
    }

    public Outcome change(String workspace, TicketId id, TicketState to, String by, Predicate<String> isSupport) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        Ticket t = found.get();
        if (!SETTABLE.contains(to)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.not_settable"));
        }
        if (!isSupport.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.state_not_support"));
        }
        if (t.hasEnded()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.ended", "ticket", id, "state", t.state().code()));
        }
        if (t.state() == to) {
            return new Outcome.Refused(Phrase.of("ticket.refused.already", "ticket", id, "state", to.code()));
        }
        return move(t, to, by, null);
    }

    public Outcome close(String workspace, TicketId id, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.close_not_lead"));
        }
        if (t.state() == TicketState.CLOSED) {
            return new Outcome.Refused(Phrase.of("ticket.refused.already_closed", "ticket", id));
        }
        return move(t, TicketState.CLOSED, by, null);
    }

    /** A lead reopens a resolved or closed ticket, saying why: it is in progress again. */
    public Outcome reopen(String workspace, TicketId id, String reason, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.reopen_not_lead"));
        }
        if (!t.hasEnded()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.not_ended", "ticket", id));
        }
        if (reason == null || reason.isBlank()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.reopen_why", "ticket", id));
        }
        if (t.isRelatedReport()) {
            // It follows its incident: reopen that one, or make this one a ticket of its own first.
            return new Outcome.Refused(Phrase.of("ticket.refused.reopen_report", "ticket", id,
                    "incident", tickets.idOf(t.relatedTo())));
        }
        return move(t, TicketState.IN_PROGRESS, by, "reopened: " + reason.strip());
    }

    /** Resolving dates the resolution; waiting opens a wait on the reporter, leaving it ends the wait. */
    private Outcome move(Ticket t, TicketState to, String by, String why) {
        Instant now = clock.instant();
        Optional<Ticket> moved = tickets.changeState(t.key(), t.state(), to, to == TicketState.RESOLVED ? now : null,
                ReporterWait.between(t.state(), to), new TimelineEntry(now, "state", by,
                        t.state().code() + " -> " + to.code() + (why == null ? "" : "; " + why)));
        if (moved.isEmpty()) {
            return new Outcome.Refused(Phrase.of("ticket.refused.changed_look", "ticket", t.id()));
        }
        followUps.changed(t.key(), t.state());
        return new Outcome.Changed(t, moved.get());
    }
}
