package app.pompier.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What kind of problem a ticket is; each category is routed to its team. In the order the dialog lists them. */
public enum Category {
    FUNCTIONAL("Functional (how the application works)"),
    INTERFACES("Technical: interfaces and data flows"),
    DATABASE("Technical: database"),
    CODE("Technical: code (a bug)"),
    INFRASTRUCTURE("Infrastructure (servers, hosting)"),
    NETWORK_SECURITY("Network and security");

    private final String description;

    Category(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name stored, configured and typed: {@code network_security}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "network security", as a sentence says it. */
    public String words() {
        return code().replace('_', ' ');
    }

    public static Optional<Category> fromCode(String code) {
        return code == null ? Optional.empty() : Arrays.stream(values())
                .filter(c -> c.code().equals(code.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(Category::code).toList();
    }
}
