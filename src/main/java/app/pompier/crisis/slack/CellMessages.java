package app.pompier.crisis.slack;

import app.pompier.sla.slack.SlaWords;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.TimeWords;
import app.pompier.crisis.CellMessage;
import app.pompier.crisis.CellTopic;
import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisStep;
import app.pompier.crisis.ReviewDraft;
import app.pompier.qualification.Answers;
import app.pompier.sla.BusinessDurations;
import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TimelineEntry;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;

/**
 * What the crisis procedure says, in Slack's words and blocks: each {@link CellMessage}, and a cell's topic. The
 * summary shows the start of each text people wrote; the whole of what it cuts goes to its thread
 * ({@link #wholeTexts}).
 */
public final class CellMessages {
    /** What the summary shows of each text, escaped: together they leave room for the rest of its section. */
    private static final int REPORT = 300, STEPS = 500, WHERE = 300, ERROR = 600, WORKAROUND = 300, IMPACT = 200;
    /** A status update as people wrote it, each half: far more than the dialog lets anyone type. */
    public static final int STATUS = 15_000;
    private static final int TIMELINE = 30_000;
    /** Thread messages of the whole texts at most, unless the answers need more: the report's rest is in the original. */
    private static final int MOST_PARTS = 30;

    /** A message as Slack takes it: the text (notifications, screen readers) and the blocks, if any. */
    public record Drawn(String text, List<LayoutBlock> blocks) {
    }

    private final SlaWords sla;
    private final TimeWords time;

    public CellMessages(SlaWords sla, TimeWords time) {
        this.sla = sla;
        this.time = time;
    }

    /** "INC-42 · P1 · take-in due 10:45 · resolution due Wed 10:00 · In progress · commander @x". */
    public String topic(CellTopic t) {
        List<String> parts = new ArrayList<>();
        parts.add(t.downgraded() ? t.ticket() + " · downgraded to " + t.priority() : t.ticket() + " · " + Priority.P1);
        for (GoalStatus s : t.goals()) {
            parts.add(sla.state(s));
        }
        parts.add(t.state().label());
        parts.add("commander " + (t.commander() == null ? "to name" : Mention.of(t.commander())));
        if (t.reporters() > 1) {
            parts.add(t.reporters() + " people reported it");
        }
        return SlackBlocks.topic(String.join(" · ", parts));
    }

    public Drawn draw(CellMessage message) {
        if (message instanceof CellMessage.Summary s) {
            return summary(s.ticket(), s.answers(), s.commander());
        }
        if (message instanceof CellMessage.CellOpened o) {
            return text(":rotating_light: *" + o.ticket() + "* is a P1: a crisis cell is open in <#" + o.cellChannelId()
                    + ">. We will keep you informed here.");
        }
        if (message instanceof CellMessage.CellNotCreated n) {
            return text(":warning: *" + n.ticket() + "* is a P1, but " + (n.error() == null
                    ? "every name tried for its crisis cell was taken."
                    : "its crisis cell could not be created (Slack: `" + SlackText.escape(n.error()) + "`).")
                    + " Support leads, please open one by hand.");
        }
        if (message instanceof CellMessage.OpeningIncomplete i) {
            String intro = ":warning: Opening this cell was not complete:\n";
            return text(intro + SlackBlocks.join(i.failed().stream().map(CellMessages::failedStep).toList(), "\n",
                    SlackBlocks.MESSAGE_TEXT - intro.length(), null));
        }
        if (message instanceof CellMessage.StatusRequested r) {
            String text = ":loudspeaker: No status update on " + r.ticket() + " for " + BusinessDurations.words(r.silence())
                    + (r.commander() != null ? ". " + Mention.of(r.commander()) + ", what do we know?" : ".");
            return new Drawn(text, List.of(SlackBlocks.section(text), actions(a -> a.elements(List.of(
                    SlackBlocks.button(CrisisListeners.STATUS_ACTION, r.ticket().toString(), "Post a status update",
                            "primary"))))));
        }
        if (message instanceof CellMessage.StatusPosted p) {
            return text(":memo: *Status update* by " + Mention.of(p.report().by())
                    + "\n*What we know:* " + SlackText.escapedExcerpt(p.report().known(), STATUS)
                    + "\n*What we are doing:* " + SlackText.escapedExcerpt(p.report().doing(), STATUS)
                    + "\n*Next update:* " + time.when(p.report().next()));
        }
        if (message instanceof CellMessage.StatusForReporter p) {
            return text("Update on your report *" + p.report().ticket() + "*: "
                    + SlackText.escapedExcerpt(p.report().known(), STATUS) + " We are "
                    + SlackText.escapedExcerpt(lowerFirst(p.report().doing()), STATUS) + " We will tell you more by "
                    + time.when(p.report().next()) + ".");
        }
        if (message instanceof CellMessage.StatusForStakeholders p) {
            return text(":rotating_light: *" + p.report().ticket() + "* (P1) · "
                    + SlackText.escapedExcerpt(p.report().known(), STATUS)
                    + " · next update " + time.when(p.report().next()));
        }
        if (message instanceof CellMessage.CommanderNamed c) {
            return text(":large_blue_circle: " + Mention.of(c.commander()) + " is now the commander.");
        }
        return text(review(((CellMessage.Review) message).draft()));
    }

    private static Drawn text(String text) {
        return new Drawn(SlackBlocks.messageText(text), null);
    }

    private static String failedStep(CrisisCell.Step step) {
        String detail = step.step() == CrisisStep.INVITE
                ? String.join(", ", step.refusals().stream().map(r -> Mention.of(r.user()) + " (" + r.why() + ")").toList())
                : step.detail();
        return "• could not " + step.step().words() + ": " + detail;
    }

    private Drawn summary(Ticket t, Answers a, String commander) {
        StringBuilder text = new StringBuilder(":rotating_light: *" + t.id() + " · P1* — "
                + SlackText.escapedExcerpt(t.text(), REPORT) + "\n");
        boolean cut = cut(t.text(), REPORT);
        if (a != null) {
            text.append("*Steps to reproduce:* ").append(SlackText.escapedExcerpt(orDash(a.steps()), STEPS)).append('\n');
            text.append("*Where:* ").append(SlackText.escapedExcerpt(orDash(a.location()), WHERE)).append('\n');
            text.append("*Error:* ").append(SlackText.escapedExcerpt(orDash(a.errorMessage()), ERROR)).append('\n');
            text.append("*Impact:* ").append(SlackText.escapedExcerpt(a.impact().code().replace("essential:", "cannot "),
                    IMPACT)).append(", for ").append(a.reach().words()).append('\n');
            text.append("*Workaround:* ").append(a.hasWorkaround()
                    ? SlackText.escapedExcerpt(a.workaround(), WORKAROUND) : "none").append('\n');
            cut |= cut(a.steps(), STEPS) || cut(a.location(), WHERE) || cut(a.errorMessage(), ERROR)
                    || cut(a.workaround(), WORKAROUND);
        }
        text.append("*Reporter:* ").append(Mention.of(t.reporter()));
        if (commander != null) {
            text.append(" · *Commander:* ").append(Mention.of(commander));
        }
        if (t.permalink() != null) {
            text.append("\n<").append(t.permalink()).append("|Original report and ticket thread>");
        }
        if (cut) {
            text.append("\n_What is cut here (…) is in full in this message's thread._");
        }
        return new Drawn("Crisis cell of " + t.id(), List.of(SlackBlocks.section(text.toString()),
                actions(x -> x.elements(List.of(
                        SlackBlocks.button(CrisisListeners.STATUS_ACTION, t.id().toString(), "Post a status update",
                                null),
                        SlackBlocks.button(CrisisListeners.RESOLVED_ACTION, t.id().toString(), "Resolved",
                                "primary"))))));
    }

    /**
     * The whole of each text the summary cuts, as the messages of its thread, each within what a message may
     * hold: the answers first, the report last, since the summary links to the report itself. Empty when the
     * summary cut nothing.
     */
    public List<String> wholeTexts(CellMessage.Summary s) {
        Ticket t = s.ticket();
        Answers a = s.answers();
        List<String> answers = new ArrayList<>();
        if (a != null) {
            whole(answers, "Steps to reproduce", a.steps(), STEPS);
            whole(answers, "Where", a.location(), WHERE);
            whole(answers, "Error", a.errorMessage(), ERROR);
            whole(answers, "Workaround", a.workaround(), WORKAROUND);
        }
        List<String> report = new ArrayList<>();
        whole(report, "Report", t.text(), REPORT);
        String heading = "*" + t.id() + " in full* (%d/%d)\n";
        int room = SlackBlocks.SECTION_TEXT - heading.length() - 10;
        List<String> pieces = new ArrayList<>(answers.isEmpty() ? List.of()
                : SlackText.split(String.join("\n\n", answers), room));
        List<String> reportPieces = report.isEmpty() ? List.of() : SlackText.split(report.get(0), room);
        int left = Math.max(1, MOST_PARTS - pieces.size());
        if (reportPieces.size() > left && t.permalink() != null) {
            // Only the report has a place of its own: the original message, which the summary links to.
            String rest = " <" + t.permalink() + "|the rest in the original report>";
            String last = SlackText.fit(reportPieces.get(left - 1) + "\n" + reportPieces.get(left), room, rest);
            reportPieces = new ArrayList<>(reportPieces.subList(0, left));
            reportPieces.set(left - 1, last);
        }
        pieces.addAll(reportPieces);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            parts.add(String.format(heading, i + 1, pieces.size()) + pieces.get(i));
        }
        return parts;
    }

    private static void whole(List<String> texts, String label, String plain, int shown) {
        if (cut(plain, shown)) {
            texts.add("*" + label + ":*\n" + SlackText.escape(plain.strip()));
        }
    }

    /** Whether the summary shows only the start of this text. */
    private static boolean cut(String plain, int shown) {
        return plain != null && SlackText.escape(plain.strip()).length() > shown;
    }

    private String review(ReviewDraft d) {
        StringBuilder r = new StringBuilder(":clipboard: *Post-incident review (REX) draft — " + d.ticket() + "*\n\n");
        r.append("*Timeline*\n");
        List<String> timeline = new ArrayList<>();
        for (TimelineEntry e : d.timeline()) {
            timeline.add("• " + time.when(e.at()) + " — " + e.kind().replace('_', ' ')
                    + (e.actor() != null ? " by " + Mention.of(e.actor()) : "") + ": "
                    + SlackText.escapedExcerpt(e.detail(), 200));
        }
        if (!timeline.isEmpty()) {
            r.append(SlackBlocks.join(timeline, "\n", TIMELINE, null)).append('\n');
        }
        r.append("\n*Times*\n");
        if (d.takeIn() != null) {
            r.append("• to take in: ").append(spent(d.takeIn())).append('\n');
        }
        r.append("• to resolve: ").append(spent(d.resolution())).append('\n');
        for (GoalStatus s : d.goals()) {
            r.append("• SLA ").append(s.goal().words()).append(": ").append(s.breached() ? "breached" : "met")
                    .append(" (target ").append(s.target().words()).append(")\n");
        }
        Answers a = d.answers();
        if (a != null) {
            r.append("\n*Impact*: ").append(SlackText.escapedExcerpt(a.impact().code().replace("essential:",
                            "essential function unusable: "), IMPACT)).append(", ").append(a.reach().words())
                    .append("\n*Workaround*: ").append(a.hasWorkaround()
                            ? SlackText.escapedExcerpt(a.workaround(), SlackBlocks.SECTION_TEXT) : "none")
                    .append('\n');
        }
        r.append("\n*Questions the review must answer*\n");
        d.questions().forEach(q -> r.append("• ").append(q).append('\n'));
        return r.toString();
    }

    private static String spent(ReviewDraft.Spent spent) {
        return BusinessDurations.words(spent.business()) + " business time, " + BusinessDurations.words(spent.wall())
                + " wall time";
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    /** "Redémarrage en cours" → "redémarrage en cours.", to follow "We are". */
    private static String lowerFirst(String text) {
        String t = text.strip();
        String sentence = t.endsWith(".") ? t : t + ".";
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
