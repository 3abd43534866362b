package app.pompier.qualification;

import java.util.Locale;

/** How widely a problem hits, from one person to every customer. Ordered: a later one is wider. */
public enum Reach {
    ONE_USER("one user"),
    SEVERAL_USERS("several users"),
    TEAM_OR_SITE("a whole team or site"),
    ALL_CUSTOMERS("all customers");

    private final String words;

    Reach(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Reach fromCode(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT));
    }
}
