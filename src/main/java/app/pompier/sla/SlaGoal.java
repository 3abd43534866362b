package app.pompier.sla;

import app.pompier.language.Phrase;

import java.util.Locale;

/** What an SLA promises: that someone takes the ticket in, and that it is resolved, each by a deadline. */
public enum SlaGoal {
    TAKE_IN("take-in"),
    RESOLUTION("resolution");

    private final String words;

    SlaGoal(String words) {
        this.words = words;
    }

    /** The goal's English name, for logs and operators; people read {@link #phrase()} in their language. */
    public String words() {
        return words;
    }

    /** The goal's name as people read it: {@code sla.goal.take_in}, "take-in", "prise en charge". */
    public Phrase phrase() {
        return Phrase.of("sla.goal." + code());
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SlaGoal fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
