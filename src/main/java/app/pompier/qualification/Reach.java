package app.pompier.qualification;

import app.pompier.language.Phrase;

import java.util.Locale;

/** How widely a problem hits, from one person to every customer. Ordered: a later one is wider. */
public enum Reach {
    ONE_USER,
    SEVERAL_USERS,
    TEAM_OR_SITE,
    ALL_CUSTOMERS;

    /** {@code qualification.reach}: "one user", "un utilisateur"… in the reader's language. */
    public Phrase phrase() {
        return Phrase.of("qualification.reach", "reach", code());
    }

    /** In English, as the timeline keeps it; a reader's language says {@link #phrase()}. */
    public String words() {
        return InEnglish.say(phrase());
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reach fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
