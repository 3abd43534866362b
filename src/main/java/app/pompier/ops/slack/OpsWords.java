package app.pompier.ops.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.TimeWords;
import app.pompier.ops.Collision;
import app.pompier.ops.CollisionWarning;
import app.pompier.ops.Components;
import app.pompier.ops.Occurrence;
import app.pompier.sla.BusinessDurations;

/** The operations calendar in words: a collision warning, an occurrence "Sat 08:00 → Mon 08:00". */
public final class OpsWords {
    /** What a warning or a list shows of an operation's name, escaped. */
    static final int NAME = 300;
    /** What a warning shows of the later collisions. */
    private static final int LATER = 2000;
    private final Components components;
    private final TimeWords time;

    public OpsWords(Components components, TimeWords time) {
        this.components = components;
        this.time = time;
    }

    public String warning(CollisionWarning w) {
        Collision c = w.nearest();
        StringBuilder text = new StringBuilder(":warning: ");
        text.append(w.ahead() ? "Reminder — in " + w.daysBefore() + " days or less: " : "Collision: ");
        text.append("the maintenance of the *").append(components.label(c.window().component())).append("* (")
                .append(when(c.maintenance())).append(", ").append(c.window().recurrence().words())
                .append(", owner ").append(Mention.of(c.window().owner())).append(") overlaps *")
                .append(SlackText.escapedExcerpt(c.operation().name(), NAME)).append("* (owner ")
                .append(Mention.of(c.operation().owner())).append("), whose users keep arriving for ")
                .append(BusinessDurations.words(c.operation().tail())).append(": overlap ")
                .append(time.span(c.overlapStart(), c.overlapEnd())).append('.');
        if (!w.freeWindows().isEmpty()) {
            text.append("\nNearest windows of the same length that collide with nothing: ");
            text.append(String.join(" or ", w.freeWindows().stream().map(this::when).toList())).append('.');
        }
        if (!w.later().isEmpty()) {
            text.append("\nIt collides again: ").append(SlackBlocks.join(w.later().stream()
                    .map(x -> time.span(x.overlapStart(), x.overlapEnd())).toList(), ", ", LATER, null)).append('.');
        }
        return text.toString();
    }

    String when(Occurrence o) {
        return time.span(o.start(), o.end());
    }

    String label(String component) {
        return components.label(component);
    }
}
