package app.pompier.ticket.slack;

import app.pompier.slack.SlackText;
import app.pompier.outage.slack.OutageWords;
import app.pompier.sla.slack.SlaWords;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.outage.RelatedReports;
import app.pompier.qualification.Completeness;
import app.pompier.qualification.Qualifications;
import app.pompier.sla.ReadingSla;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;

/**
 * A ticket's card as Block Kit: id, reporter, state, priority and its reason, what the report still lacks, each
 * SLA goal's deadline and time left, and the Qualify and Take buttons.
 */
public final class CardBlocks {
    /** The action id of the card's Qualify button; its value is the ticket id ({@code INC-42}). */
    public static final String QUALIFY_ACTION = "ticket_qualify";
    /** The action id of the Take button (card and reminders); its value is the ticket id. */
    public static final String TAKE_ACTION = "ticket_take";
    private static final int EXCERPT = 280;

    private final Qualifications qualifications;
    private final ReadingSla sla;
    private final SlaWords words;
    private final RelatedReports related;
    private final Tickets tickets;
    private final OutageWords outage;

    public CardBlocks(Qualifications qualifications, ReadingSla sla, SlaWords words, RelatedReports related,
                      Tickets tickets, OutageWords outage) {
        this.qualifications = qualifications;
        this.sla = sla;
        this.words = words;
        this.related = related;
        this.tickets = tickets;
        this.outage = outage;
    }

    /** The card of a ticket, with what its report lacks and its SLA in words. */
    public List<LayoutBlock> of(Ticket ticket) {
        List<String> missing = qualifications.latest(ticket.key()).map(Completeness::missing).orElse(List.of());
        List<String> goals = sla.statuses(ticket).values().stream().map(s -> capitalised(words.withIcon(s))).toList();
        List<String> fields = new ArrayList<>();
        fields.add("*Reporter*\n" + Mention.of(ticket.reporter()));
        fields.add("*State*\n" + ticket.state().label());
        fields.add("*Priority*\n" + priority(ticket));
        if (ticket.assignee() != null) {
            fields.add("*Taken by*\n" + Mention.of(ticket.assignee()));
        }
        fields.add("*Opened from*\n" + ticket.via().description()
                + (ticket.openedBy() != null && !ticket.openedBy().equals(ticket.reporter())
                ? " by " + Mention.of(ticket.openedBy()) : ""));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.header(":ticket: " + ticket.id() + " · " + ticket.state().label()));
        blocks.add(SlackBlocks.fields(fields));
        if (ticket.text() != null && !ticket.text().isBlank()) {
            // The card is posted in the report's own thread: the whole report is just above it.
            blocks.add(SlackBlocks.section(quote(SlackText.escapedExcerpt(ticket.text(), EXCERPT))));
        }
        String reporters = outage.reporters(related.reportersOf(ticket.key()));
        if (reporters != null) {
            blocks.add(SlackBlocks.context(reporters));
        }
        if (ticket.isRelatedReport()) {
            String incident = tickets.idOf(ticket.relatedTo());
            blocks.add(SlackBlocks.section(":link: Related to *" + incident + "*: it is handled there,"
                    + " and its reporter is told what becomes of it. `/ticket unlink " + ticket.id()
                    + "` makes it a ticket of its own."));
            return blocks;
        }
        if (ticket.priorityReason() != null) {
            blocks.add(SlackBlocks.context(SlackText.escape(ticket.priorityReason())));
        }
        if (ticket.state() == TicketState.NEEDS_INFO && !missing.isEmpty()) {
            blocks.add(SlackBlocks.section("*Support still needs:*\n• " + String.join("\n• ", missing)));
        }
        if (!goals.isEmpty()) {
            blocks.add(SlackBlocks.context(goals));
        }
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
        if (!ticket.hasEnded()) {
            buttons.add(qualifyButton(ticket));
            if (ticket.assignee() == null) {
                buttons.add(takeButton(ticket));
            }
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("ticket_actions").elements(buttons)));
        }
        if (ticket.state() == TicketState.NEW) {
            blocks.add(SlackBlocks.context(
                    "Support needs the steps, the place and the exact error to reproduce it: click *Qualify*."));
        }
        return blocks;
    }

    public static com.slack.api.model.block.element.ButtonElement takeButton(Ticket ticket) {
        return SlackBlocks.button(TAKE_ACTION, ticket.id().toString(), "Take", null);
    }

    public static com.slack.api.model.block.element.ButtonElement qualifyButton(Ticket ticket) {
        String label = switch (ticket.state()) {
            case NEW -> "Qualify";
            case NEEDS_INFO -> "Complete the report";
            default -> "Update the answers";
        };
        return SlackBlocks.button(QUALIFY_ACTION, ticket.id().toString(), label,
                ticket.state() == TicketState.NEW || ticket.state() == TicketState.NEEDS_INFO ? "primary" : null);
    }

    /** "P1", "P1 (claimed, unconfirmed; policy gives P2)", "P1 (unconfirmed: a lead confirms it)", or "Unknown…". */
    public static String priority(Ticket ticket) {
        if (ticket.priority() == null) {
            return "Unknown until qualified";
        }
        if (!ticket.priorityConfirmed() && ticket.qualifiedPriority() == ticket.priority()) {
            // The policy's P1, past what the reporter may confirm themselves in an hour.
            return ticket.priority() + " (unconfirmed: a support lead confirms it)";
        }
        if (!ticket.priorityConfirmed() && ticket.qualifiedPriority() != null
                && ticket.qualifiedPriority() != ticket.priority()) {
            return ticket.priority() + " (claimed, unconfirmed; policy gives " + ticket.qualifiedPriority() + ")";
        }
        return ticket.priority().name();
    }

    /** What notifications and screen readers show instead of the blocks. */
    public static String fallbackText(Ticket ticket) {
        return ticket.id() + " (" + ticket.state().label()
                + (ticket.priority() != null ? ", " + ticket.priority() : "") + "): "
                + SlackText.escapedExcerpt(ticket.text(), 120);
    }


    /** ":stopwatch: Take-in due…": the icon first, then the sentence with its capital. */
    private static String capitalised(String iconThenText) {
        int space = iconThenText.indexOf(' ');
        return space < 0 || space + 1 >= iconThenText.length() ? iconThenText : iconThenText.substring(0, space + 1)
                + Character.toUpperCase(iconThenText.charAt(space + 1)) + iconThenText.substring(space + 2);
    }

    private static String quote(String escaped) {
        return "> " + escaped.replace("\n", "\n> ");
    }
}
