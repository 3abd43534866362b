package app.pompier.crisis;

import app.pompier.ticket.Ticket;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of a crisis channel from the team's template ({@code crise-{id}-{slug}} by default):
 * lowercase ASCII, digits, hyphens and underscores, within Slack's 80 characters; a name already taken
 * gets a suffix ({@code -2}, {@code -3}, …).
 */
public final class CrisisChannelName {
    public static final String DEFAULT_TEMPLATE = "crise-{id}-{slug}";
    private static final int MAX = 80;

    private CrisisChannelName() {
    }

    public static String of(String template, Ticket ticket, int attempt) {
        String id = ticket.id().toString().toLowerCase(Locale.ROOT);
        String base = template.replace("{id}", id).replace("{slug}", slug(ticket.text()));
        String cleaned = clean(base);
        String suffix = attempt <= 1 ? "" : "-" + attempt;
        String name = cleaned.length() + suffix.length() > MAX
                ? cleaned.substring(0, MAX - suffix.length()).replaceAll("-+$", "") : cleaned;
        return name + suffix;
    }

    /** The first words of a report, as a channel name part: "Impossible de se connecter !" → impossible-de-se-connecter. */
    static String slug(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-[^-]*$", "") : slug;
    }

    private static String clean(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("(^-+|-+$)", "");
        return lower.isEmpty() ? "crise" : lower;
    }
}
