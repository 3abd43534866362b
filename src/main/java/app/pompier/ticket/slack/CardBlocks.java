package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
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
 * SLA goal's deadline and time left, and the Qualify and Take buttons. Everyone in the thread reads the same card:
 * it is in its channel's language.
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
    private final Languages languages;

    public CardBlocks(Qualifications qualifications, ReadingSla sla, SlaWords words, RelatedReports related,
                      Tickets tickets, OutageWords outage, Languages languages) {
        this.languages = languages;
        this.qualifications = qualifications;
        this.sla = sla;
        this.words = words;
        this.related = related;
        this.tickets = tickets;
        this.outage = outage;
    }

    /** The words of the ticket's card: its channel's language. */
    public Words wordsOf(Ticket ticket) {
        return languages.channel(ticket.source().channel());
    }

    /** The card of a ticket, with what its report lacks and its SLA in words, in its channel's language. */
    public List<LayoutBlock> of(Ticket ticket) {
        Words say = wordsOf(ticket);
        List<String> missing = qualifications.latest(ticket.key()).map(Completeness::missing).orElse(List.of());
        List<String> goals = sla.statuses(ticket).values().stream().map(s -> capitalised(words.withIcon(s))).toList();
        List<String> fields = new ArrayList<>();
        fields.add(field(say, "reporter", Mention.of(ticket.reporter(), say)));
        fields.add(field(say, "state", say.say(ticket.state().phrase())));
        fields.add(field(say, "priority", priority(say, ticket)));
        if (ticket.assignee() != null) {
            fields.add(field(say, "taken_by", Mention.of(ticket.assignee())));
        }
        String via = say.say(ticket.via().phrase());
        fields.add(field(say, "opened_from", ticket.openedBy() != null && !ticket.openedBy().equals(ticket.reporter())
                ? say.say("ticket.card.opened_by", "via", via, "who", Mention.of(ticket.openedBy())) : via));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.header(":ticket: " + ticket.id() + " · " + say.say(ticket.state().phrase())));
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
            blocks.add(SlackBlocks.section(say.say("ticket.card.related", "incident", incident,
                    "ticket", ticket.id())));
            return blocks;
        }
        if (ticket.priorityReason() != null) {
            blocks.add(SlackBlocks.context(SlackText.escape(ticket.priorityReason())));
        }
        if (ticket.state() == TicketState.NEEDS_INFO && !missing.isEmpty()) {
            blocks.add(SlackBlocks.section(say.say("ticket.card.still_needs") + "\n• " + String.join("\n• ", missing)));
        }
        if (!goals.isEmpty()) {
            blocks.add(SlackBlocks.context(goals));
        }
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
        if (!ticket.hasEnded()) {
            buttons.add(qualifyButton(say, ticket));
            if (ticket.assignee() == null) {
                buttons.add(takeButton(say, ticket));
            }
        }
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId("ticket_actions").elements(buttons)));
        }
        if (ticket.state() == TicketState.NEW) {
            blocks.add(SlackBlocks.context(say.say("ticket.card.how_to_qualify")));
        }
        return blocks;
    }

    public static com.slack.api.model.block.element.ButtonElement takeButton(Words say, Ticket ticket) {
        return SlackBlocks.button(TAKE_ACTION, ticket.id().toString(), say.say("ticket.card.button.take"), null);
    }

    public static com.slack.api.model.block.element.ButtonElement qualifyButton(Words say, Ticket ticket) {
        String label = say.say(switch (ticket.state()) {
            case NEW -> "ticket.card.button.qualify";
            case NEEDS_INFO -> "ticket.card.button.complete";
            default -> "ticket.card.button.update";
        });
        return SlackBlocks.button(QUALIFY_ACTION, ticket.id().toString(), label,
                ticket.state() == TicketState.NEW || ticket.state() == TicketState.NEEDS_INFO ? "primary" : null);
    }

    /** "P1", "P1 (claimed, unconfirmed; policy gives P2)", "P1 (unconfirmed: a lead confirms it)", or "Unknown…". */
    public static String priority(Words say, Ticket ticket) {
        if (ticket.priority() == null) {
            return say.say("ticket.priority.unknown");
        }
        if (!ticket.priorityConfirmed() && ticket.qualifiedPriority() == ticket.priority()) {
            // The policy's P1, past what the reporter may confirm themselves in an hour.
            return say.say("ticket.priority.unconfirmed", "priority", ticket.priority().name());
        }
        if (!ticket.priorityConfirmed() && ticket.qualifiedPriority() != null
                && ticket.qualifiedPriority() != ticket.priority()) {
            return say.say("ticket.priority.claimed", "priority", ticket.priority().name(),
                    "policy", ticket.qualifiedPriority().name());
        }
        return ticket.priority().name();
    }

    /** What notifications and screen readers show instead of the blocks. */
    public static String fallbackText(Words say, Ticket ticket) {
        return say.say("ticket.card.fallback", "ticket", ticket.id(), "state", say.say(ticket.state().phrase()),
                "priority", ticket.priority() != null ? ticket.priority().name() : "none",
                "excerpt", SlackText.escapedExcerpt(ticket.text(), 120));
    }

    /** "*Reporter*\n<@U…>": a field's bold label over its value. */
    private static String field(Words say, String name, String value) {
        return "*" + say.say("ticket.card.field." + name) + "*\n" + value;
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
