package app.pompier.ticket;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

/** A support member takes a ticket in: it is theirs, in progress, and its take-in goal is met or missed. */
public final class TakingTicket {
    private final Tickets tickets;
    private final Clock clock;

    public TakingTicket(Tickets tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Taken(Ticket ticket) implements Outcome {
        }

        /** Someone has it already; a lead can reassign it. */
        record AlreadyTaken(Ticket ticket) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    public Outcome take(String workspace, TicketId id, String by, Predicate<String> isSupport) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(id + " does not exist; check the ticket id");
        }
        Ticket ticket = found.get();
        if (ticket.hasEnded()) {
            return new Outcome.Refused(id + " is " + ticket.state().label().toLowerCase() + "; nothing to take in");
        }
        if (ticket.assignee() != null) {
            return new Outcome.AlreadyTaken(ticket);
        }
        if (!isSupport.test(by)) {
            return new Outcome.Refused("only members of support take tickets in");
        }
        return tickets.take(ticket.key(), by, clock.instant())
                .<Outcome>map(Outcome.Taken::new)
                .orElseGet(() -> new Outcome.AlreadyTaken(tickets.byKey(ticket.key()).orElseThrow()));
    }

    /** A lead gives the ticket to someone; it overrides a take, and counts as taken in. */
    public Outcome assign(String workspace, TicketId id, String assignee, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(id + " does not exist; check the ticket id");
        }
        if (!isLead.test(by)) {
            return new Outcome.Refused("only support leads assign tickets; support members take them");
        }
        if (found.get().hasEnded()) {
            return new Outcome.Refused(id + " is " + found.get().state().label().toLowerCase());
        }
        return tickets.assign(found.get().key(), assignee, by, clock.instant())
                .<Outcome>map(Outcome.Taken::new)
                .orElseGet(() -> new Outcome.Refused(id + " changed meanwhile; try again"));
    }
}
