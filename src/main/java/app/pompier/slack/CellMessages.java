package app.pompier.slack;

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
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** What the crisis procedure says, in Slack's words and blocks: each {@link CellMessage}, and a cell's topic. */
public final class CellMessages {
    /** Slack cuts a channel topic at 250 characters. */
    private static final int TOPIC_MAX = 250;

    /** A message as Slack takes it: the text (notifications, screen readers) and the blocks, if any. */
    record Drawn(String text, List<LayoutBlock> blocks) {
    }

    private final SlaWords sla;
    private final TimeWords time;

    public CellMessages(SlaWords sla, TimeWords time) {
        this.sla = sla;
        this.time = time;
    }

    /** "INC-42 · P1 · take-in due 10:45 · resolution due Wed 10:00 · In progress · commander @x". */
    String topic(CellTopic t) {
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
        String topic = String.join(" · ", parts);
        return topic.length() > TOPIC_MAX ? topic.substring(0, TOPIC_MAX - 1) + "…" : topic;
    }

    Drawn draw(CellMessage message) {
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
            return text(":warning: Opening this cell was not complete:\n"
                    + String.join("\n", i.failed().stream().map(CellMessages::failedStep).toList()));
        }
        if (message instanceof CellMessage.StatusRequested r) {
            String text = ":loudspeaker: No status update on " + r.ticket() + " for " + BusinessDurations.words(r.silence())
                    + (r.commander() != null ? ". " + Mention.of(r.commander()) + ", what do we know?" : ".");
            return new Drawn(text, List.of(section(s -> s.text(markdownText(text))), actions(a -> a.elements(List.of(
                    button(b -> b.actionId(CrisisListeners.STATUS_ACTION).value(r.ticket().toString())
                            .style("primary").text(plainText("Post a status update"))))))));
        }
        if (message instanceof CellMessage.StatusPosted p) {
            return text(":memo: *Status update* by " + Mention.of(p.report().by())
                    + "\n*What we know:* " + SlackText.escape(p.report().known())
                    + "\n*What we are doing:* " + SlackText.escape(p.report().doing())
                    + "\n*Next update:* " + time.when(p.report().next()));
        }
        if (message instanceof CellMessage.StatusForReporter p) {
            return text("Update on your report *" + p.report().ticket() + "*: " + SlackText.escape(p.report().known())
                    + " We are " + SlackText.escape(lowerFirst(p.report().doing())) + " We will tell you more by "
                    + time.when(p.report().next()) + ".");
        }
        if (message instanceof CellMessage.StatusForStakeholders p) {
            return text(":rotating_light: *" + p.report().ticket() + "* (P1) · " + SlackText.escape(p.report().known())
                    + " · next update " + time.when(p.report().next()));
        }
        if (message instanceof CellMessage.CommanderNamed c) {
            return text(":large_blue_circle: " + Mention.of(c.commander()) + " is now the commander.");
        }
        return text(review(((CellMessage.Review) message).draft()));
    }

    private static Drawn text(String text) {
        return new Drawn(text, null);
    }

    private static String failedStep(CrisisCell.Step step) {
        String detail = step.step() == CrisisStep.INVITE
                ? String.join(", ", step.refusals().stream().map(r -> Mention.of(r.user()) + " (" + r.why() + ")").toList())
                : step.detail();
        return "• could not " + step.step().words() + ": " + detail;
    }

    private Drawn summary(Ticket t, Answers a, String commander) {
        StringBuilder text = new StringBuilder(":rotating_light: *" + t.id() + " · P1* — "
                + SlackText.escape(SlackText.excerpt(t.text(), 300)) + "\n");
        if (a != null) {
            text.append("*Steps to reproduce:* ").append(SlackText.escape(orDash(a.steps()))).append('\n');
            text.append("*Where:* ").append(SlackText.escape(orDash(a.location()))).append('\n');
            text.append("*Error:* ").append(SlackText.escape(orDash(a.errorMessage()))).append('\n');
            text.append("*Impact:* ").append(SlackText.escape(a.impact().code().replace("essential:", "cannot ")))
                    .append(", for ").append(a.reach().words()).append('\n');
            text.append("*Workaround:* ").append(a.hasWorkaround() ? SlackText.escape(a.workaround()) : "none")
                    .append('\n');
        }
        text.append("*Reporter:* ").append(Mention.of(t.reporter()));
        if (commander != null) {
            text.append(" · *Commander:* ").append(Mention.of(commander));
        }
        if (t.permalink() != null) {
            text.append("\n<").append(t.permalink()).append("|Original report and ticket thread>");
        }
        return new Drawn("Crisis cell of " + t.id(), List.of(section(s -> s.text(markdownText(text.toString()))),
                actions(x -> x.elements(List.of(
                        button(b -> b.actionId(CrisisListeners.STATUS_ACTION).value(t.id().toString())
                                .text(plainText("Post a status update"))),
                        button(b -> b.actionId(CrisisListeners.RESOLVED_ACTION).value(t.id().toString())
                                .style("primary").text(plainText("Resolved"))))))));
    }

    private String review(ReviewDraft d) {
        StringBuilder r = new StringBuilder(":clipboard: *Post-incident review (REX) draft — " + d.ticket() + "*\n\n");
        r.append("*Timeline*\n");
        for (TimelineEntry e : d.timeline()) {
            r.append("• ").append(time.when(e.at())).append(" — ").append(e.kind().replace('_', ' '))
                    .append(e.actor() != null ? " by " + Mention.of(e.actor()) : "").append(": ")
                    .append(SlackText.escape(SlackText.excerpt(e.detail(), 200))).append('\n');
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
            r.append("\n*Impact*: ").append(SlackText.escape(a.impact().code().replace("essential:",
                            "essential function unusable: "))).append(", ").append(a.reach().words())
                    .append("\n*Workaround*: ").append(a.hasWorkaround() ? SlackText.escape(a.workaround()) : "none")
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
