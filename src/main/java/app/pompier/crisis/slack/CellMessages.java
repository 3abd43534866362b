package app.pompier.crisis.slack;

import app.pompier.crisis.CellMessage;
import app.pompier.crisis.CellTopic;
import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisStep;
import app.pompier.crisis.ReviewDraft;
import app.pompier.language.Words;
import app.pompier.qualification.Answers;
import app.pompier.qualification.Impact;
import app.pompier.qualification.Reach;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.SlaTarget;
import app.pompier.sla.slack.SlaWords;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TimelineEntry;
import com.slack.api.model.block.LayoutBlock;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;

/**
 * What the crisis procedure says, in Slack's words and blocks, in the language it is given (the cell speaks the
 * language of the channel its ticket came from): each {@link CellMessage}, and a cell's topic. The summary shows the
 * start of each text people wrote; the whole of what it cuts goes to its thread ({@link #wholeTexts}).
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

    public CellMessages(SlaWords sla) {
        this.sla = sla;
    }

    /** "INC-42 · P1 · take-in due 10:45 · resolution due Wed 10:00 · In progress · commander @x". */
    public String topic(Words w, CellTopic t) {
        String ticket = t.ticket().toString();
        List<String> parts = new ArrayList<>();
        parts.add(t.downgraded() ? w.say("crisis.topic.downgraded", "ticket", ticket, "priority", t.priority().name())
                : w.say("crisis.topic.p1", "ticket", ticket));
        for (GoalStatus s : t.goals()) {
            parts.add(sla.state(s));
        }
        parts.add(w.say("crisis.state", "state", t.state().code()));
        parts.add(t.commander() == null ? w.say("crisis.topic.no_commander")
                : w.say("crisis.topic.commander", "commander", Mention.of(t.commander())));
        if (t.reporters() > 1) {
            parts.add(w.say("crisis.topic.reporters", "count", t.reporters()));
        }
        return SlackBlocks.topic(String.join(" · ", parts));
    }

    /** The title of the cell's bookmark to the ticket's original report. */
    public String bookmark(Words w, TicketId ticket) {
        return w.say("crisis.bookmark", "ticket", ticket.toString());
    }

    public Drawn draw(Words w, CellMessage message) {
        if (message instanceof CellMessage.Summary s) {
            return summary(w, s.ticket(), s.answers(), s.commander());
        }
        if (message instanceof CellMessage.CellOpened o) {
            return text(w.say("crisis.opened", "ticket", o.ticket().toString(), "cell", "<#" + o.cellChannelId() + ">"));
        }
        if (message instanceof CellMessage.CellNotCreated n) {
            return text(n.error() == null ? w.say("crisis.not_created.names_taken", "ticket", n.ticket().toString())
                    : w.say("crisis.not_created.error", "ticket", n.ticket().toString(), "error",
                    SlackText.escape(n.error())));
        }
        if (message instanceof CellMessage.OpeningIncomplete i) {
            String intro = w.say("crisis.incomplete") + "\n";
            return text(intro + SlackBlocks.join(w, i.failed().stream().map(s -> failedStep(w, s)).toList(), "\n",
                    SlackBlocks.MESSAGE_TEXT - intro.length(), null));
        }
        if (message instanceof CellMessage.StatusRequested r) {
            String ticket = r.ticket().toString();
            String silence = w.duration(r.silence());
            String text = r.commander() != null
                    ? w.say("crisis.status.asked_commander", "ticket", ticket, "silence", silence, "commander",
                    Mention.of(r.commander()))
                    : w.say("crisis.status.asked", "ticket", ticket, "silence", silence);
            return new Drawn(text, List.of(SlackBlocks.section(text), actions(a -> a.elements(List.of(
                    SlackBlocks.button(CrisisListeners.STATUS_ACTION, ticket, w.say("crisis.status.button"),
                            "primary"))))));
        }
        if (message instanceof CellMessage.StatusPosted p) {
            return text(w.say("crisis.status.posted", "by", Mention.of(p.report().by()),
                    "known", SlackText.escapedExcerpt(p.report().known(), STATUS),
                    "doing", SlackText.escapedExcerpt(p.report().doing(), STATUS),
                    "next", w.when(p.report().next())));
        }
        if (message instanceof CellMessage.StatusForReporter p) {
            return text(w.say("crisis.status.for_reporter", "ticket", p.report().ticket().toString(),
                    "known", SlackText.escapedExcerpt(p.report().known(), STATUS),
                    "doing", SlackText.escapedExcerpt(lowerFirst(p.report().doing()), STATUS),
                    "next", w.when(p.report().next())));
        }
        if (message instanceof CellMessage.StatusForStakeholders p) {
            return text(w.say("crisis.status.for_stakeholders", "ticket", p.report().ticket().toString(),
                    "known", SlackText.escapedExcerpt(p.report().known(), STATUS),
                    "next", w.when(p.report().next())));
        }
        if (message instanceof CellMessage.CommanderNamed c) {
            return text(w.say("crisis.commander.named", "commander", Mention.of(c.commander())));
        }
        return text(review(w, ((CellMessage.Review) message).draft()));
    }

    private static Drawn text(String text) {
        return new Drawn(SlackBlocks.messageText(text), null);
    }

    private static String failedStep(Words w, CrisisCell.Step step) {
        String detail = step.step() == CrisisStep.INVITE
                ? String.join(", ", step.refusals().stream().map(r -> Mention.of(r.user()) + " (" + r.why() + ")").toList())
                : reason(w, step.detail());
        return w.say("crisis.incomplete.step", "step", w.say("crisis.step", "step", step.step().code()),
                "detail", detail);
    }

    /** A failed step's reason: the procedure's own in words, the chat's error code as it came. */
    private static String reason(Words w, String detail) {
        if (CrisisCell.Step.NO_SUMMARY.equals(detail)) {
            return w.say("crisis.incomplete.no_summary");
        }
        return CrisisCell.Step.NO_LINK.equals(detail) ? w.say("crisis.incomplete.no_link") : detail;
    }

    private Drawn summary(Words w, Ticket t, Answers a, String commander) {
        String ticket = t.id().toString();
        List<String> lines = new ArrayList<>();
        lines.add(w.say("crisis.summary.head", "ticket", ticket, "report", SlackText.escapedExcerpt(t.text(), REPORT)));
        boolean cut = cut(t.text(), REPORT);
        if (a != null) {
            lines.add(w.say("crisis.label.steps") + " " + SlackText.escapedExcerpt(orDash(a.steps()), STEPS));
            lines.add(w.say("crisis.label.where") + " " + SlackText.escapedExcerpt(orDash(a.location()), WHERE));
            lines.add(w.say("crisis.label.error") + " " + SlackText.escapedExcerpt(orDash(a.errorMessage()), ERROR));
            lines.add(w.say("crisis.summary.impact", "impact",
                    SlackText.escapedExcerpt(impact(w, a.impact(), "crisis.impact.cannot"), IMPACT),
                    "reach", reach(w, a.reach())));
            lines.add(w.say("crisis.label.workaround") + " " + (a.hasWorkaround()
                    ? SlackText.escapedExcerpt(a.workaround(), WORKAROUND) : w.say("crisis.summary.no_workaround")));
            cut |= cut(a.steps(), STEPS) || cut(a.location(), WHERE) || cut(a.errorMessage(), ERROR)
                    || cut(a.workaround(), WORKAROUND);
        }
        lines.add(commander == null ? w.say("crisis.summary.reporter", "reporter", Mention.of(t.reporter()))
                : w.say("crisis.summary.reporter_commander", "reporter", Mention.of(t.reporter()),
                "commander", Mention.of(commander)));
        if (t.permalink() != null) {
            lines.add("<" + t.permalink() + "|" + w.say("crisis.summary.original") + ">");
        }
        if (cut) {
            lines.add(w.say("crisis.summary.cut"));
        }
        return new Drawn(w.say("crisis.summary.notification", "ticket", ticket),
                List.of(SlackBlocks.section(String.join("\n", lines)),
                        actions(x -> x.elements(List.of(
                                SlackBlocks.button(CrisisListeners.STATUS_ACTION, ticket, w.say("crisis.status.button"),
                                        null),
                                SlackBlocks.button(CrisisListeners.RESOLVED_ACTION, ticket,
                                        w.say("crisis.resolved.button"), "primary"))))));
    }

    /**
     * The whole of each text the summary cuts, as the messages of its thread, each within what a message may
     * hold: the answers first, the report last, since the summary links to the report itself. Empty when the
     * summary cut nothing.
     */
    public List<String> wholeTexts(Words w, CellMessage.Summary s) {
        Ticket t = s.ticket();
        Answers a = s.answers();
        List<String> answers = new ArrayList<>();
        if (a != null) {
            whole(answers, w.say("crisis.label.steps"), a.steps(), STEPS);
            whole(answers, w.say("crisis.label.where"), a.location(), WHERE);
            whole(answers, w.say("crisis.label.error"), a.errorMessage(), ERROR);
            whole(answers, w.say("crisis.label.workaround"), a.workaround(), WORKAROUND);
        }
        List<String> report = new ArrayList<>();
        whole(report, w.say("crisis.label.report"), t.text(), REPORT);
        // The heading as long as it will be with two-digit numbers, and room to spare.
        int room = SlackBlocks.SECTION_TEXT - (heading(w, t.id(), "00", "00").length() + 1) - 10;
        List<String> pieces = new ArrayList<>(answers.isEmpty() ? List.of()
                : SlackText.split(String.join("\n\n", answers), room));
        List<String> reportPieces = report.isEmpty() ? List.of() : SlackText.split(report.get(0), room);
        int left = Math.max(1, MOST_PARTS - pieces.size());
        if (reportPieces.size() > left && t.permalink() != null) {
            // Only the report has a place of its own: the original message, which the summary links to.
            String rest = " <" + t.permalink() + "|" + w.say("crisis.whole.rest") + ">";
            String last = SlackText.fit(reportPieces.get(left - 1) + "\n" + reportPieces.get(left), room, rest);
            reportPieces = new ArrayList<>(reportPieces.subList(0, left));
            reportPieces.set(left - 1, last);
        }
        pieces.addAll(reportPieces);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            parts.add(heading(w, t.id(), String.valueOf(i + 1), String.valueOf(pieces.size())) + "\n" + pieces.get(i));
        }
        return parts;
    }

    private static String heading(Words w, TicketId ticket, String part, String parts) {
        return w.say("crisis.whole.heading", "ticket", ticket.toString(), "part", part, "parts", parts);
    }

    /** {@code label} is the whole "*Steps to reproduce:*", in the cell's language. */
    private static void whole(List<String> texts, String label, String plain, int shown) {
        if (cut(plain, shown)) {
            texts.add(label + "\n" + SlackText.escape(plain.strip()));
        }
    }

    /** Whether the summary shows only the start of this text. */
    private static boolean cut(String plain, int shown) {
        return plain != null && SlackText.escape(plain.strip()).length() > shown;
    }

    private String review(Words w, ReviewDraft d) {
        StringBuilder r = new StringBuilder(w.say("crisis.review.title", "ticket", d.ticket().toString()))
                .append("\n\n");
        r.append(w.say("crisis.review.timeline")).append('\n');
        List<String> timeline = new ArrayList<>();
        for (TimelineEntry e : d.timeline()) {
            String kind = w.say("crisis.review.kind", "kind", e.kind());
            String detail = SlackText.escapedExcerpt(e.detail(), 200);
            timeline.add(e.actor() != null
                    ? w.say("crisis.review.entry_by", "when", w.when(e.at()), "kind", kind, "actor",
                    Mention.of(e.actor()), "detail", detail)
                    : w.say("crisis.review.entry", "when", w.when(e.at()), "kind", kind, "detail", detail));
        }
        if (!timeline.isEmpty()) {
            r.append(SlackBlocks.join(w, timeline, "\n", TIMELINE, null)).append('\n');
        }
        r.append('\n').append(w.say("crisis.review.times")).append('\n');
        if (d.takeIn() != null) {
            r.append(spent(w, "crisis.review.take_in", d.takeIn())).append('\n');
        }
        r.append(spent(w, "crisis.review.resolve", d.resolution())).append('\n');
        for (GoalStatus s : d.goals()) {
            r.append(w.say(s.breached() ? "crisis.review.goal_breached" : "crisis.review.goal_met",
                    "goal", w.say("crisis.review.goal", "goal", s.goal().code()),
                    "target", target(w, s.target()))).append('\n');
        }
        Answers a = d.answers();
        if (a != null) {
            r.append('\n').append(w.say("crisis.review.impact", "impact",
                    SlackText.escapedExcerpt(impact(w, a.impact(), "crisis.impact.essential"), IMPACT),
                    "reach", reach(w, a.reach())));
            r.append('\n').append(w.say("crisis.review.workaround", "workaround", a.hasWorkaround()
                    ? SlackText.escapedExcerpt(a.workaround(), SlackBlocks.SECTION_TEXT)
                    : w.say("crisis.review.no_workaround"))).append('\n');
        }
        r.append('\n').append(w.say("crisis.review.questions")).append('\n');
        d.questions().forEach(q -> r.append("• ").append(w.say("crisis.review.question." + q.code())).append('\n'));
        return r.toString();
    }

    private static String spent(Words w, String key, ReviewDraft.Spent spent) {
        return w.say(key, "business", w.duration(spent.business()), "wall", w.duration(spent.wall()));
    }

    private static String target(Words w, SlaTarget target) {
        if (target instanceof SlaTarget.Within within) {
            return w.duration(within.business());
        }
        if (target instanceof SlaTarget.WithinDays days) {
            return w.say("crisis.review.target.days", "days", days.days());
        }
        return w.say(target instanceof SlaTarget.NextRelease ? "crisis.review.target.next_release"
                : "crisis.review.target.none");
    }

    /**
     * What the problem stops, in words; an essential function is named as the team wrote it, with
     * {@code essentialKey}'s words around it.
     */
    private static String impact(Words w, Impact impact, String essentialKey) {
        if (impact instanceof Impact.EssentialFunctionUnusable e) {
            return w.say(essentialKey, "function", e.function());
        }
        return w.say("crisis.impact." + impact.code());
    }

    private static String reach(Words w, Reach reach) {
        return w.say("crisis.reach", "reach", reach.code());
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    /** "Redémarrage en cours" → "redémarrage en cours.", to follow "We are" (and "De notre côté :"). */
    private static String lowerFirst(String text) {
        String t = text.strip();
        String sentence = t.endsWith(".") ? t : t + ".";
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
