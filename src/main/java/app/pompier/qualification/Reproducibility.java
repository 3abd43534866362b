package app.pompier.qualification;

import app.pompier.language.Phrase;

import java.util.Locale;

/** Whether the problem comes back when the reporter tries again. */
public enum Reproducibility {
    ALWAYS,
    SOMETIMES,
    ONCE;

    /** {@code qualification.reproducibility}: "every time", "à chaque fois"… in the reader's language. */
    public Phrase phrase() {
        return Phrase.of("qualification.reproducibility", "reproducibility", code());
    }

    /** In English, as the timeline keeps it; a reader's language says {@link #phrase()}. */
    public String words() {
        return InEnglish.say(phrase());
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reproducibility fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
