package app.pompier.ticket.slack;

import app.pompier.language.Words;
import app.pompier.sla.slack.SlaWords;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackText;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.ticket.Ticket;

import java.util.Collection;

/**
 * One ticket on one line, as the queue lists it (/ticket list, /ticket show, the App Home):
 * "*INC-42* · P1 · In progress · @someone · :stopwatch: take-in due in 15 min (10:45) · report", in the words of
 * whoever reads it.
 */
public final class TicketLine {
    private final ReadingSla sla;
    private final SlaWords words;

    public TicketLine(ReadingSla sla, SlaWords words) {
        this.sla = sla;
        this.words = words;
    }

    public String of(Words say, Ticket t) {
        return of(say, t, sla.statuses(t).values(), false);
    }

    /** The line with the first words of the report, where nothing else shows them. */
    public String withExcerpt(Words say, Ticket t) {
        return of(say, t, sla.statuses(t).values(), true);
    }

    /** The line from statuses already read (a list filtered on them). */
    public String of(Words say, Ticket t, Collection<GoalStatus> statuses, boolean excerpt) {
        String running = statuses.stream().filter(s -> !s.done()).findFirst()
                .map(s -> " · " + words.withIcon(say, s)).orElse("");
        return "*" + t.id() + "* · " + (t.priority() == null ? say.say("leads.line.unqualified") : t.priority())
                + " · " + say.say("leads.line.state", "state", t.state().code()) + " · "
                + (t.assignee() == null ? say.say("leads.line.unassigned") : Mention.of(t.assignee()))
                + running + (excerpt ? " · " + SlackText.escapedExcerpt(t.text(), 60) : "")
                + (t.permalink() != null ? " · <" + t.permalink() + "|" + say.say("leads.line.report") + ">" : "");
    }
}
