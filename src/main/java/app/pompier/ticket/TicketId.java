package app.pompier.ticket;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short id people say and type: {@code INC-42}. The number is a sequence per workspace. */
public record TicketId(String prefix, long number) {
    private static final Pattern FORM = Pattern.compile("([A-Za-z][A-Za-z0-9]{0,9})-(\\d{1,12})");

    public TicketId {
        if (number < 1) {
            throw new IllegalArgumentException("a ticket number starts at 1, got " + number);
        }
        prefix = prefix.toUpperCase(Locale.ROOT);
    }

    /** Reads what a person typed ({@code inc-42}, {@code INC-42}); empty when it is not a ticket id. */
    public static Optional<TicketId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(2)) < 1) {
            return Optional.empty();
        }
        return Optional.of(new TicketId(m.group(1), Long.parseLong(m.group(2))));
    }

    @Override
    public String toString() {
        return prefix + "-" + number;
    }
}
