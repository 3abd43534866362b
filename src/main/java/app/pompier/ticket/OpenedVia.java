package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.util.Locale;

/** How a Slack message was turned into a ticket; people read it as {@code ticket.via.<code>} says. */
public enum OpenedVia {
    WATCHED_CHANNEL,
    MENTION,
    SHORTCUT,
    REACTION;

    /** "a mention of Pompier", in the reader's language: {@code words.say(via.phrase())}. */
    public Phrase phrase() {
        return Phrase.of("ticket.via." + code());
    }

    /** In English: the timeline's record of how the ticket was opened, which stays as it was written. */
    public String description() {
        return InEnglish.say(phrase());
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
