package app.pompier.slack;

import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.Category;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * State, closing and commander changes from buttons and {@code /ticket}, each answered in words the person
 * can act on.
 */
public final class StateChanges {
    private final ChangingState changing;
    private final Tickets tickets;
    private final SupportRoles roles;
    private final CrisisChannels crisis;
    private final CategorizingTicket categorizing;
    private final FollowingUpChanges changes;
    private final Clock clock;

    public StateChanges(ChangingState changing, Tickets tickets, SupportRoles roles, CrisisChannels crisis,
                        CategorizingTicket categorizing, FollowingUpChanges changes, Clock clock) {
        this.changing = changing;
        this.tickets = tickets;
        this.roles = roles;
        this.crisis = crisis;
        this.categorizing = categorizing;
        this.changes = changes;
        this.clock = clock;
    }

    public String state(String workspace, String ticketText, String stateText, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return "Write it like `/ticket state INC-42 waiting|in_progress|resolved`.";
        }
        TicketState to;
        try {
            to = TicketState.fromCode(stateText == null ? "" : stateText.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "`" + SlackText.escape(String.valueOf(stateText)) + "` is not a state; write"
                    + " `/ticket state " + id.get() + " waiting|in_progress|resolved`.";
        }
        return answer(changing.change(workspace, id.get(), to, user, roles::isSupport),
                id.get() + " is now " + to.label().toLowerCase(Locale.ROOT) + ".");
    }

    public String close(String workspace, String ticketText, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return "Write it like `/ticket close INC-42`.";
        }
        return answer(changing.close(workspace, id.get(), user, roles::isLead), id.get() + " is closed.");
    }

    public String commander(String workspace, String ticketText, String mention, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        Optional<String> named = Mention.typed(mention);
        if (id.isEmpty() || named.isEmpty()) {
            return "Write it like `/ticket commander INC-42 @someone`.";
        }
        if (!roles.isLead(user)) {
            return "Only support leads name a crisis commander.";
        }
        Optional<Ticket> ticket = tickets.byId(workspace, id.get());
        if (ticket.isEmpty()) {
            return id.get() + " does not exist; check the ticket id.";
        }
        if (crisis.openChannelOf(ticket.get().key()).isEmpty()) {
            return id.get() + " has no open crisis cell.";
        }
        String commander = named.get();
        crisis.commander(ticket.get(), commander);
        tickets.append(ticket.get().key(), new TimelineEntry(clock.instant(), "crisis", user,
                "commander " + commander));
        changes.changed(ticket.get().key(), ticket.get().state());
        return Mention.of(commander) + " is now the commander of " + id.get() + "'s crisis cell.";
    }

    /** A lead says what kind of problem a ticket is; a qualified, unassigned one is then routed. */
    public String category(String workspace, String ticketText, String category, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        Optional<Category> chosen = Category.fromCode(category);
        if (id.isEmpty() || chosen.isEmpty()) {
            return "Write it like `/ticket category INC-42 " + String.join("|", Category.codes()) + "`.";
        }
        var outcome = categorizing.byLead(workspace, id.get(), chosen.get(), user, roles::isLead);
        if (outcome instanceof CategorizingTicket.Outcome.Refused refused) {
            return refused.reason();
        }
        return id.get() + " is now in " + chosen.get().words() + ".";
    }

    private String answer(ChangingState.Outcome outcome, String done) {
        if (outcome instanceof ChangingState.Outcome.Changed) {
            return done;
        }
        return ((ChangingState.Outcome.Refused) outcome).reason() + ".";
    }
}
