package app.pompier.sla.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Ticket;

/**
 * SLA states in words, in the reader's language: "take-in due in 15 min (10:45)", "prise en charge attendue d’ici
 * 15 min (10:45)". The caller chooses the language (a reminder in its thread's, /sla in its asker's).
 */
public final class SlaWords {
    private final Languages languages;

    public SlaWords(Languages languages) {
        this.languages = languages;
    }

    /** "take-in due in 15 min (10:45)", "take-in breached at 10:45", "take-in paused (waiting on the reporter)". */
    public String state(Words w, GoalStatus s) {
        String goal = s.goal().code();
        if (s.done()) {
            return w.say(Boolean.TRUE.equals(s.met()) ? "sla.state.met" : "sla.state.missed", "goal", goal);
        }
        if (s.breached()) {
            return s.deadline() != null ? w.say("sla.state.breached_at", "goal", goal, "deadline", w.when(s.deadline()))
                    : w.say("sla.state.breached", "goal", goal);
        }
        if (s.paused()) {
            return w.say("sla.state.paused", "goal", goal, "left", w.duration(s.left()));
        }
        return w.say("sla.state.due", "goal", goal, "left", w.duration(s.left()), "deadline", w.when(s.deadline()));
    }

    /**
     * The same in the team's language, for callers that do not know their reader yet; prefer
     * {@link #state(Words, GoalStatus)}.
     */
    public String state(GoalStatus s) {
        return state(languages.team(), s);
    }

    /** Who has the ticket, the way a reminder ends: "nobody has taken it", "taken by @x". */
    public static String holder(Words w, Ticket t) {
        return t.assignee() == null ? w.say("sla.holder.nobody") : w.say("sla.holder.taken", "who",
                Mention.of(t.assignee()));
    }

    /** One line of a reminder or of /sla: "INC-42 · P1 · take-in due in 15 min (10:45) · nobody has taken it". */
    public String line(Words w, Ticket t, GoalStatus s) {
        return t.id() + " · " + t.priority() + " · " + state(w, s) + " · " + holder(w, t);
    }

    /** The icon and the state: ":stopwatch: take-in due in 15 min (10:45)". */
    public String withIcon(Words w, GoalStatus s) {
        return icon(s) + " " + state(w, s);
    }

    /**
     * The same in the team's language, for callers that do not know their reader yet; prefer
     * {@link #withIcon(Words, GoalStatus)}.
     */
    public String withIcon(GoalStatus s) {
        return withIcon(languages.team(), s);
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
