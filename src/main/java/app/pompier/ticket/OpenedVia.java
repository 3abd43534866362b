package app.pompier.ticket;

import java.util.Locale;

/** How a Slack message was turned into a ticket. */
public enum OpenedVia {
    WATCHED_CHANNEL("a message in a watched channel"),
    MENTION("a mention of Pompier"),
    SHORTCUT("the 'Create ticket' shortcut"),
    REACTION("a :ticket: reaction");

    private final String description;

    OpenedVia(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether this is a person asking for a ticket on a message that may already be one. */
    public boolean isDeliberateRequest() {
        return this == SHORTCUT || this == REACTION;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OpenedVia fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
