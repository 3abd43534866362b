package app.pompier.outage.slack;

import app.pompier.crisis.slack.CellMessages;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.TimeWords;
import app.pompier.outage.ReporterNews;
import app.pompier.outage.Reporters;
import app.pompier.ticket.Ticket;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;

/** What Slack shows of grouped reports: the reply naming the incident, the news relayed, the count on a card. */
public final class OutageWords {
    /** The action id of the reply's button; its value is the related report's id ({@code INC-57}). */
    public static final String SOMETHING_ELSE_ACTION = "report_something_else";
    /** The action id of the leads' button that confirms a probable P1; its value is the incident's id. */
    public static final String CONFIRM_PROBABLE_P1_ACTION = "probable_p1_confirm";
    private static final int EXCERPT = 120;
    /** What a card's context line gives to the channels people reported from. */
    private static final int CHANNELS = 2000;

    private final TimeWords time;

    public OutageWords(TimeWords time) {
        this.time = time;
    }

    /**
     * "This looks like INC-42 (P1, being handled since 09:12: customers cannot log in). You are added to it…",
     * with the button that makes it a ticket of its own.
     */
    public List<LayoutBlock> reply(Ticket report, Ticket incident) {
        return List.of(SlackBlocks.section(replyText(report, incident)),
                actions(a -> a.blockId("related_report").elements(List.of(SlackBlocks.button(SOMETHING_ELSE_ACTION,
                        report.id().toString(), "It's something else", null)))));
    }

    public String replyText(Ticket report, Ticket incident) {
        return ":link: This looks like *" + incident.id() + "* (" + where(incident) + "). You are added to it and"
                + " will be told here when it changes. Not the same problem? Click *It's something else* and "
                + report.id() + " becomes a ticket of its own.";
    }

    /** "P1, being handled since 09:12: customers cannot log in", or "reported since 09:12: …" before a priority. */
    private String where(Ticket incident) {
        String since = time.when(incident.takenAt() != null ? incident.takenAt() : incident.createdAt());
        String what = incident.text() == null ? "" : ": _" + SlackText.escapedExcerpt(incident.text(), EXCERPT)
                .replace("_", " ") + "_";
        return (incident.priority() != null ? incident.priority() + ", being handled since " : "reported since ")
                + since + what;
    }

    /** The reply once the report is a ticket of its own. */
    public String madeOwnTicket(Ticket report, Ticket incident, String by) {
        return ":ticket: " + (by.equals(report.reporter()) ? "You said" : Mention.of(by) + " said") + " this is not "
                + incident.id() + ": it is now ticket *" + report.id() + "* of its own, its card follows.";
    }

    /** The news relayed in a related report's thread. */
    public String news(Ticket report, Ticket incident, ReporterNews news) {
        if (news.kind() == ReporterNews.Kind.RESOLVED) {
            return ":white_check_mark: *" + incident.id() + "*, which your report " + report.id() + " is part of,"
                    + " is resolved. Thank you for your patience; tell us here if the problem comes back.";
        }
        return ":information_source: News of *" + incident.id() + "* (your report " + report.id() + " is part of it):"
                + "\n*What we know:* " + SlackText.escapedExcerpt(news.known(), CellMessages.STATUS)
                + "\n*What we are doing:* " + SlackText.escapedExcerpt(news.doing(), CellMessages.STATUS)
                + (news.next() != null ? "\n*Next update:* " + time.when(news.next()) : "");
    }

    /** "12 people reported it (<#C1> 10, <#C2> 2), latest at 09:14"; null for one reporter. */
    public String reporters(Reporters r) {
        if (!r.several()) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        for (Map.Entry<String, Integer> e : r.byChannel().entrySet()) {
            channels.add("<#" + e.getKey() + "> " + e.getValue());
        }
        return ":busts_in_silhouette: *" + r.people() + " people* reported it ("
                + SlackBlocks.join(channels, ", ", CHANNELS, null) + ")"
                + (r.latest() != null ? ", latest at " + time.when(r.latest()) : "");
    }

    /** The leads' message for a cluster of unqualified reports, with the one button that confirms it as a P1. */
    public List<LayoutBlock> probableP1(Ticket incident, Reporters r) {
        return List.of(SlackBlocks.section(probableP1Text(incident, r)),
                actions(a -> a.blockId("probable_p1").elements(List.of(SlackBlocks.button(
                        CONFIRM_PROBABLE_P1_ACTION, incident.id().toString(), "Confirm P1", "danger")))));
    }

    public String probableP1Text(Ticket incident, Reporters r) {
        return ":rotating_light: *Probable P1*: " + r.people() + " people reported the same problem since "
                + time.when(incident.createdAt()) + ", not qualified yet: *" + incident.id() + "* _"
                + SlackText.escapedExcerpt(String.valueOf(incident.text()), EXCERPT).replace("_", " ")
                + "_. Confirm it as a P1 to open its crisis cell.";
    }
}
