package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What kind of problem a ticket is, which routes it to a team: the reporter says it in the qualification
 * dialog, a lead sets it (and may correct the reporter).
 */
public final class CategorizingTicket {
    private final Tickets tickets;
    private final FollowingUpChanges followUps;
    private final Clock clock;

    public CategorizingTicket(Tickets tickets, FollowingUpChanges followUps, Clock clock) {
        this.tickets = tickets;
        this.followUps = followUps;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Set(Ticket ticket, Category category) implements Outcome {
        }

        /** Why not, said in the reader's language at the edge: {@code words.say(refused.why())}. */
        record Refused(Phrase why) implements Outcome {
        }
    }

    public Outcome byLead(String workspace, TicketId id, Category category, String by, Predicate<String> isLead) {
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("ticket.refused.category_not_lead"));
        }
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(Phrase.of("shared.refused.no_such_ticket", "ticket", id));
        }
        record(found.get(), category, by);
        followUps.changed(found.get().key(), found.get().state());
        return new Outcome.Set(found.get(), category);
    }

    /** The category the reporter chose in the dialog; the qualification that came with it follows it up. */
    public void byReporter(Ticket ticket, Category category, String by) {
        if (category != null && !category.code().equals(ticket.category())) {
            record(ticket, category, by);
        }
    }

    private void record(Ticket ticket, Category category, String by) {
        Instant now = clock.instant();
        tickets.setCategory(ticket.key(), category, new TimelineEntry(now, "category", by, category.code()));
    }
}
