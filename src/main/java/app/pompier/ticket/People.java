package app.pompier.ticket;

import java.util.regex.Pattern;

/**
 * People are named by their Slack member id ({@code U…}, or {@code W…} on Enterprise Grid); a bot or an app
 * ({@code B…}) can write a message that becomes a ticket, but it is nobody to invite, mention or ask.
 */
public final class People {
    private static final Pattern PERSON = Pattern.compile("[UW][A-Z0-9]{2,}");

    private People() {
    }

    public static boolean isPerson(String id) {
        return id != null && PERSON.matcher(id).matches();
    }
}
