package app.pompier.slack;

import app.pompier.ticket.ChangingState;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * State, closing and commander changes from buttons and {@code /ticket}, each answered in words the person
 * can act on; what follows a change runs through {@link TicketFollowUps}.
 */
public final class StateChanges {
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

    private final ChangingState changing;
    private final Tickets tickets;
    private final SupportRoles roles;
    private final CrisisChannels crisis;
    private final TicketFollowUps changes;
    private final Clock clock;

    public StateChanges(ChangingState changing, Tickets tickets, SupportRoles roles, CrisisChannels crisis,
                        TicketFollowUps changes, Clock clock) {
        this.changing = changing;
        this.tickets = tickets;
        this.roles = roles;
        this.crisis = crisis;
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
        Matcher m = mention == null ? null : MENTION.matcher(mention.trim());
        if (id.isEmpty() || m == null || !m.matches()) {
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
        String commander = m.group(1);
        crisis.commander(ticket.get(), commander);
        tickets.append(ticket.get().key(), new TimelineEntry(clock.instant(), "crisis", user,
                "commander " + commander));
        changes.changed(ticket.get().key(), ticket.get().state());
        return TicketCard.person(commander) + " is now the commander of " + id.get() + "'s crisis cell.";
    }

    /** A lead says what kind of problem a ticket is; a qualified, unassigned one is then routed. */
    public String category(String workspace, String ticketText, String category, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        String known = String.join("|", app.pompier.Config.CATEGORIES);
        if (id.isEmpty() || category == null || !app.pompier.Config.CATEGORIES.contains(category.toLowerCase(Locale.ROOT))) {
            return "Write it like `/ticket category INC-42 " + known + "`.";
        }
        if (!roles.isLead(user)) {
            return "Only support leads set a ticket's category; the reporter answers it in the dialog.";
        }
        Optional<Ticket> ticket = tickets.byId(workspace, id.get());
        if (ticket.isEmpty()) {
            return id.get() + " does not exist; check the ticket id.";
        }
        tickets.setCategory(ticket.get().key(), category.toLowerCase(Locale.ROOT), user, clock.instant());
        changes.changed(ticket.get().key(), ticket.get().state());
        return id.get() + " is now in " + category.toLowerCase(Locale.ROOT).replace('_', ' ') + ".";
    }

    private String answer(ChangingState.Outcome outcome, String done) {
        if (outcome instanceof ChangingState.Outcome.Changed changed) {
            changes.changed(changed.after().key(), changed.before().state());
            return done;
        }
        return ((ChangingState.Outcome.Refused) outcome).reason() + ".";
    }
}
