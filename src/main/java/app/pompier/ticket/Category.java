package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of problem a ticket is; each category is routed to its team. In the order the dialog lists them. What
 * people read of it is in the language files: {@code ticket.category.database} as the dialog lists it,
 * {@code ticket.category.database.in_sentence} as a sentence says it.
 */
public enum Category {
    FUNCTIONAL,
    INTERFACES,
    DATABASE,
    CODE,
    INFRASTRUCTURE,
    NETWORK_SECURITY;

    /** "Technical: database", as the dialog lists it: {@code words.say(category.phrase())}. */
    public Phrase phrase() {
        return Phrase.of("ticket.category." + code());
    }

    /** "network security", as a sentence says it. */
    public Phrase inSentence() {
        return Phrase.of("ticket.category." + code() + ".in_sentence");
    }

    /** The name stored, configured and typed: {@code network_security}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "network security": the code as an English sentence says it; prefer {@link #inSentence()}. */
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
