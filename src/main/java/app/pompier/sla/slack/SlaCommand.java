package app.pompier.sla.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.SlackBlocks;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClocks;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.Tickets;
import com.slack.api.bolt.App;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /sla [hours]}: what falls due in the next business hours (8 by default) and what has breached,
 * by priority then deadline: impact decides, never who the customer is. Only to the person who asked, in their
 * language.
 */
public final class SlaCommand {
    public static final String COMMAND = "/sla";
    private static final int DEFAULT_HOURS = 8;
    /** What each of the two lists may take of the 40,000 characters of an answer. */
    private static final int EACH = 19_000;

    private final ReadingSla sla;
    private final Tickets tickets;
    private final SlaWords words;
    private final Languages languages;

    public SlaCommand(ReadingSla sla, Tickets tickets, SlaWords words, Languages languages) {
        this.languages = languages;
        this.sla = sla;
        this.tickets = tickets;
        this.words = words;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            Words say = languages.person(p.getUserId(), p.getChannelId());
            String text = p.getText() == null ? "" : p.getText().trim();
            int hours = DEFAULT_HOURS;
            if (!text.isEmpty()) {
                try {
                    hours = Integer.parseInt(text.replace("h", ""));
                    if (hours < 1 || hours > 24 * 30) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    return ctx.ack(say.say("sla.command.usage", "hours", DEFAULT_HOURS));
                }
            }
            return ctx.ack(answer(say, hours));
        });
    }

    public String answer(Words say, int hours) {
        List<String> breached = new ArrayList<>();
        List<String> dueSoon = new ArrayList<>();
        for (SlaClocks.Due due : sla.dueWithin(Duration.ofHours(hours))) {
            Ticket t = tickets.byKey(due.ticketKey()).orElse(null);
            if (t == null) {
                continue;
            }
            GoalStatus s = sla.statuses(t).get(due.goal());
            if (s == null) {
                continue;
            }
            String line = SlaWords.icon(s) + " " + words.line(say, t, s)
                    + (t.permalink() != null ? " · <" + t.permalink() + "|" + say.say("sla.link.report") + ">" : "");
            (s.breached() ? breached : dueSoon).add(line);
        }
        if (breached.isEmpty() && dueSoon.isEmpty()) {
            return say.say("sla.command.nothing", "hours", hours);
        }
        StringBuilder answer = new StringBuilder();
        if (!breached.isEmpty()) {
            answer.append(say.say("sla.command.breached", "count", breached.size())).append('\n')
                    .append(SlackBlocks.join(say, breached, "\n", dueSoon.isEmpty() ? EACH * 2 : EACH, null));
        }
        if (!dueSoon.isEmpty()) {
            answer.append(answer.length() > 0 ? "\n\n" : "")
                    .append(say.say("sla.command.due", "hours", hours, "count", dueSoon.size())).append('\n')
                    .append(SlackBlocks.join(say, dueSoon, "\n", breached.isEmpty() ? EACH * 2 : EACH, null));
        }
        return answer.toString();
    }
}
