package app.pompier.qualification;

import java.util.Locale;

/** Whether the problem comes back when the reporter tries again. */
public enum Reproducibility {
    ALWAYS("every time"),
    SOMETIMES("sometimes"),
    ONCE("happened once");

    private final String words;

    Reproducibility(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reproducibility fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
