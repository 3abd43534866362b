package app.pompier.outage.slack;

import app.pompier.outage.OutageBoards;
import app.pompier.crisis.slack.CellMessages;
import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.outage.ReporterNews;
import app.pompier.outage.Reporters;
import app.pompier.ticket.Ticket;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;

/**
 * What Slack shows of grouped reports: the reply naming the incident, the news relayed, the count on a card. What
 * is posted in a report's thread is in that thread's channel language; each method without a {@link Words} takes
 * it from the ticket it is about (the team's language for the count, which does not know its card).
 */
public final class OutageWords {
    /** The action id of the reply's button; its value is the related report's id ({@code INC-57}). */
    public static final String SOMETHING_ELSE_ACTION = "report_something_else";
    /** The action id of the leads' button that confirms a probable P1; its value is the incident's id. */
    public static final String CONFIRM_PROBABLE_P1_ACTION = "probable_p1_confirm";
    private static final int EXCERPT = 120;
    /** What a card's context line gives to the channels people reported from. */
    private static final int CHANNELS = 2000;
    /** People named on one line of a board. */
    private static final int MENTIONS_PER_LINE = 10;

    private final Languages languages;

    public OutageWords(Languages languages) {
        this.languages = languages;
    }

    /** The language of what is posted in a report's thread: its channel's. */
    public Words of(Ticket report) {
        return languages.channel(report.source() == null ? null : report.source().channel());
    }

    /**
     * "This looks like INC-42 (P1, being handled since 09:12: customers cannot log in). You are added to it…",
     * with the button that makes it a ticket of its own; in the report's channel language.
     */
    public List<LayoutBlock> reply(Ticket report, Ticket incident) {
        return reply(report, incident, of(report));
    }

    public List<LayoutBlock> reply(Ticket report, Ticket incident, Words words) {
        return List.of(SlackBlocks.section(replyText(report, incident, words)),
                actions(a -> a.blockId("related_report").elements(List.of(SlackBlocks.button(SOMETHING_ELSE_ACTION,
                        report.id().toString(), words.say("outage.reply.button"), null)))));
    }

    public String replyText(Ticket report, Ticket incident) {
        return replyText(report, incident, of(report));
    }

    public String replyText(Ticket report, Ticket incident, Words words) {
        return words.say("outage.reply", "incident", incident.id().toString(), "where", where(incident, words),
                "report", report.id().toString());
    }

    /** "P1, being handled since 09:12: customers cannot log in", or "reported since 09:12: …" before a priority. */
    private static String where(Ticket incident, Words words) {
        String since = words.when(incident.takenAt() != null ? incident.takenAt() : incident.createdAt());
        String where = incident.priority() != null
                ? words.say("outage.reply.handled", "priority", incident.priority().name(), "since", since)
                : words.say("outage.reply.reported", "since", since);
        if (incident.text() == null) {
            return where;
        }
        return words.say("outage.reply.about", "where", where, "excerpt",
                SlackText.escapedExcerpt(incident.text(), EXCERPT).replace("_", " "));
    }

    /**
     * The board of an incident in a channel: what it is, that reports of it are linked with no need to write again,
     * and the people whose reports are linked, newest first (none in its first post, whose mentions would notify).
     */
    public List<LayoutBlock> board(Ticket incident, OutageBoards.Linked linked, Words words) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.section(boardText(incident, linked.reports(), words)));
        if (linked.reporters().isEmpty()) {
            return blocks;
        }
        List<String> lines = new ArrayList<>();
        List<String> people = linked.reporters().stream().distinct().map(Mention::of).toList();
        for (int from = 0; from < people.size(); from += MENTIONS_PER_LINE) {
            lines.add(String.join(" ", people.subList(from, Math.min(people.size(), from + MENTIONS_PER_LINE))));
        }
        blocks.add(SlackBlocks.context(words.say("outage.board.linked", "reports", linked.reports())));
        blocks.addAll(SlackBlocks.lines(words, lines, 20, SlackBlocks.MESSAGE_BLOCKS - blocks.size(), null));
        return blocks;
    }

    /** What the board says, and its notification's text: the incident, its state, how many reports are linked. */
    public String boardText(Ticket incident, int reports, Words words) {
        if (incident.hasEnded()) {
            return words.say("outage.board.resolved", "incident", incident.id().toString(), "reports", reports);
        }
        return words.say("outage.board", "incident", incident.id().toString(), "where", where(incident, words),
                "reports", reports);
    }

    /** The message only a related report's reporter sees, at once, in their own language. */
    public String acknowledgment(Ticket report, Ticket incident, Words words) {
        return words.say("outage.acknowledged", "incident", incident.id().toString(), "where", where(incident, words),
                "report", report.id().toString());
    }

    /** The reply once the report is a ticket of its own. */
    public String madeOwnTicket(Ticket report, Ticket incident, String by) {
        return madeOwnTicket(report, incident, by, of(report));
    }

    public String madeOwnTicket(Ticket report, Ticket incident, String by, Words words) {
        return words.say("outage.own_ticket", "by", by.equals(report.reporter()) ? "reporter" : "other",
                "who", Mention.of(by), "incident", incident.id().toString(), "report", report.id().toString());
    }

    /** The news relayed in a related report's thread. */
    public String news(Ticket report, Ticket incident, ReporterNews news) {
        return news(report, incident, news, of(report));
    }

    public String news(Ticket report, Ticket incident, ReporterNews news, Words words) {
        String incidentId = incident.id().toString();
        String reportId = report.id().toString();
        if (news.kind() == ReporterNews.Kind.RESOLVED) {
            return words.say("outage.news.resolved", "incident", incidentId, "report", reportId);
        }
        List<String> lines = new ArrayList<>();
        lines.add(words.say("outage.news.status", "incident", incidentId, "report", reportId));
        lines.add(words.say("outage.news.known", "text", SlackText.escapedExcerpt(news.known(), CellMessages.STATUS)));
        lines.add(words.say("outage.news.doing", "text", SlackText.escapedExcerpt(news.doing(), CellMessages.STATUS)));
        if (news.next() != null) {
            lines.add(words.say("outage.news.next", "when", words.when(news.next())));
        }
        return String.join("\n", lines);
    }

    /** "12 people reported it (<#C1> 10, <#C2> 2), latest at 09:14", in the team's language; null for one reporter. */
    public String reporters(Reporters r) {
        return reporters(r, languages.team());
    }

    /** The same in {@code words}: the card's language ("12 personnes ont signalé le problème (10 signalements…"). */
    public String reporters(Reporters r, Words words) {
        if (!r.several()) {
            return null;
        }
        List<String> channels = new ArrayList<>();
        for (Map.Entry<String, Integer> e : r.byChannel().entrySet()) {
            channels.add(words.say("outage.reporters.channel", "channel", "<#" + e.getKey() + ">",
                    "reports", e.getValue()));
        }
        String in = SlackBlocks.join(words, channels, ", ", CHANNELS, null);
        return r.latest() != null
                ? words.say("outage.reporters.latest", "people", r.people(), "channels", in,
                "latest", words.when(r.latest()))
                : words.say("outage.reporters", "people", r.people(), "channels", in);
    }

    /** The leads' message for a cluster of unqualified reports, with the one button that confirms it as a P1. */
    public List<LayoutBlock> probableP1(Ticket incident, Reporters r, Words words) {
        return List.of(SlackBlocks.section(probableP1Text(incident, r, words)),
                actions(a -> a.blockId("probable_p1").elements(List.of(SlackBlocks.button(
                        CONFIRM_PROBABLE_P1_ACTION, incident.id().toString(), words.say("outage.probable_p1.button"),
                        "danger")))));
    }

    public String probableP1Text(Ticket incident, Reporters r, Words words) {
        return words.say("outage.probable_p1", "people", r.people(), "since", words.when(incident.createdAt()),
                "incident", incident.id().toString(),
                "excerpt", SlackText.escapedExcerpt(String.valueOf(incident.text()), EXCERPT).replace("_", " "));
    }

    /** Why a probable P1 became a P1, kept as the incident's priority reason (its card shows it): in its language. */
    public String probableP1Reason(Ticket incident, int people) {
        return of(incident).say("outage.probable_p1.reason", "people", people);
    }
}
