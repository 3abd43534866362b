package app.pompier.sla;

import java.util.Locale;

/** What an SLA promises: that someone takes the ticket in, and that it is resolved, each by a deadline. */
public enum SlaGoal {
    TAKE_IN("take-in"),
    RESOLUTION("resolution");

    private final String words;

    SlaGoal(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SlaGoal fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
