package app.pompier.ops.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.ops.Collision;
import app.pompier.ops.CollisionWarning;
import app.pompier.ops.Components;
import app.pompier.ops.Occurrence;
import app.pompier.ticket.People;

import java.util.List;

/**
 * The operations calendar in words, in the reader's language: a collision warning, an occurrence
 * "Sat 08:00 → Mon 08:00".
 */
public final class OpsWords {
    /** What a warning or a list shows of an operation's name, escaped. */
    static final int NAME = 300;
    /** What a warning shows of the later collisions. */
    private static final int LATER = 2000;
    private final Components components;
    private final Languages languages;

    public OpsWords(Components components, Languages languages) {
        this.components = components;
        this.languages = languages;
    }

    /**
     * The language of whoever is told of a plan: an owner reads their own, a channel (the ops channel, or one that
     * owns the plan) its own.
     */
    Words of(String recipient) {
        return People.isPerson(recipient) ? languages.person(recipient) : languages.channel(recipient);
    }

    public String warning(Words words, CollisionWarning w) {
        Collision c = w.nearest();
        StringBuilder text = new StringBuilder(":warning: ");
        text.append(words.say("ops.collision.warning", "kind", w.ahead() ? "reminder" : "collision",
                "days", w.daysBefore(), "component", components.label(c.window().component()),
                "when", when(words, c.maintenance()), "recurrence", words.say(c.window().recurrence().phrase()),
                "owner", Mention.of(c.window().owner()),
                "operation", SlackText.escapedExcerpt(c.operation().name(), NAME),
                "operation_owner", Mention.of(c.operation().owner()), "tail", words.duration(c.operation().tail()),
                "overlap", words.span(c.overlapStart(), c.overlapEnd())));
        if (!w.freeWindows().isEmpty()) {
            List<String> free = w.freeWindows().stream().map(o -> when(words, o)).toList();
            text.append('\n').append(words.say("ops.collision.free", "count", free.size(), "first", free.get(0),
                    "second", free.size() > 1 ? free.get(1) : null));
        }
        if (!w.later().isEmpty()) {
            text.append('\n').append(words.say("ops.collision.again", "dates", SlackBlocks.join(words, w.later().stream()
                    .map(x -> words.span(x.overlapStart(), x.overlapEnd())).toList(), ", ", LATER, null)));
        }
        return text.toString();
    }

    String when(Words words, Occurrence o) {
        return words.span(o.start(), o.end());
    }

    String label(String component) {
        return components.label(component);
    }
}
