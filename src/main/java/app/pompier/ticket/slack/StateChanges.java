package app.pompier.ticket.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.SlackText;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.Category;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;

import java.util.Locale;
import java.util.Optional;

/**
 * State, closing and commander changes from buttons and {@code /ticket}, each answered in words the person
 * can act on.
 */
public final class StateChanges {
    private final ChangingState changing;
    private final SupportRoles roles;
    private final RunningCrisisCell crisis;
    private final CategorizingTicket categorizing;

    public StateChanges(ChangingState changing, SupportRoles roles, RunningCrisisCell crisis,
                        CategorizingTicket categorizing) {
        this.changing = changing;
        this.roles = roles;
        this.crisis = crisis;
        this.categorizing = categorizing;
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

    /**
     * The cell's Resolved button, once the cell allowed the person who clicked: its commander resolves the incident
     * as support would, even when not in the support group.
     */
    public String resolveInCell(RunningCrisisCell.Acting.Allowed allowed) {
        TicketId id = allowed.ticket().id();
        return answer(changing.change(allowed.ticket().source().workspace(), id, TicketState.RESOLVED, allowed.by(),
                allowed.by()::equals), id + " is now resolved.");
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
        var outcome = crisis.nameCommander(workspace, id.get(), named.get(), user, roles::isLead);
        if (outcome instanceof RunningCrisisCell.Naming.Refused refused) {
            return refused.reason();
        }
        return Mention.of(named.get()) + " is now the commander of " + id.get() + "'s crisis cell.";
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
