package app.pompier.sla.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.TimeWords;
import app.pompier.sla.BusinessDurations;
import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Ticket;

/** SLA states in words: "take-in due in 15 min (10:45)". */
public final class SlaWords {
    private final TimeWords time;

    public SlaWords(TimeWords time) {
        this.time = time;
    }

    /** "take-in due in 15 min (10:45)", "take-in breached at 10:45", "take-in paused (waiting on the reporter)". */
    public String state(GoalStatus s) {
        String goal = s.goal().words();
        if (s.done()) {
            return goal + (Boolean.TRUE.equals(s.met()) ? " met" : " missed");
        }
        if (s.breached()) {
            return goal + " breached" + (s.deadline() != null ? " at " + time.when(s.deadline()) : "");
        }
        if (s.paused()) {
            return goal + " paused while waiting on the reporter (" + BusinessDurations.words(s.left()) + " left)";
        }
        return goal + " due in " + BusinessDurations.words(s.left()) + " (" + time.when(s.deadline()) + ")";
    }

    /** Who has the ticket, the way a reminder ends. */
    public static String holder(Ticket t) {
        return t.assignee() == null ? "nobody has taken it" : "taken by " + Mention.of(t.assignee());
    }

    /** One line of a reminder or of /sla: "INC-42 · P1 · take-in due in 15 min (10:45) · nobody has taken it". */
    public String line(Ticket t, GoalStatus s) {
        return t.id() + " · " + t.priority() + " · " + state(s) + " · " + holder(t);
    }

    /** The icon and the state: ":stopwatch: take-in due in 15 min (10:45)". */
    public String withIcon(GoalStatus s) {
        return icon(s) + " " + state(s);
    }

    public static String icon(GoalStatus s) {
        if (s.done()) {
            return Boolean.TRUE.equals(s.met()) ? ":white_check_mark:" : ":x:";
        }
        if (s.breached()) {
            return ":rotating_light:";
        }
        return s.paused() ? ":double_vertical_bar:" : ":stopwatch:";
    }
}
