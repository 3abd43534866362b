package app.pompier.slack;

import app.pompier.language.Words;
import app.pompier.ticket.People;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mentioning a person in Slack text, and reading back the person someone mentioned in a command. */
public final class Mention {
    /** What Slack sends for a typed mention: {@code <@U0123ABCD>} or {@code <@U0123ABCD|name>}. */
    private static final Pattern TYPED = Pattern.compile("<@([UW][A-Z0-9]{2,})(?:\\|[^>]*)?>");

    private Mention() {
    }

    /** A mention of a person Slack named by id; anything else is shown as text, never as markup. */
    public static String of(String userId) {
        if (userId == null) {
            return "unknown";
        }
        return People.isPerson(userId) ? "<@" + userId + ">" : SlackText.escape(userId);
    }

    /** The same, with nobody known said in the reader's language. */
    public static String of(String userId, Words words) {
        return userId == null ? words.say("shared.mention.unknown") : of(userId);
    }

    /** The person a command's argument mentions ({@code <@U…>}); empty when it mentions nobody. */
    public static Optional<String> typed(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TYPED.matcher(text.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
