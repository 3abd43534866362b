package app.pompier.sla;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the short durations teams write in their config and read in reminders: 1h, 90m, 1h30m, 10d. */
public final class BusinessDurations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?\\s*(?:(\\d+)m(?:in)?)?");
    private static final Pattern DAYS = Pattern.compile("(\\d+)d");

    private BusinessDurations() {
    }

    /**
     * {@code 1h}, {@code 30m}, {@code 1h30m} give a {@link SlaTarget.Within}; {@code 10d} a
     * {@link SlaTarget.WithinDays}; {@code next_release}; {@code none}.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static SlaTarget target(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return new SlaTarget.None();
        }
        if (t.equals("next_release")) {
            return new SlaTarget.NextRelease();
        }
        Matcher days = DAYS.matcher(t);
        if (days.matches()) {
            return new SlaTarget.WithinDays(Integer.parseInt(days.group(1)));
        }
        return new SlaTarget.Within(duration(t));
    }

    /** {@code 1h}, {@code 30m}, {@code 1h30m} as a duration. */
    public static Duration duration(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (text.isBlank() || !m.matches() || (m.group(1) == null && m.group(2) == null)) {
            throw new IllegalArgumentException("'" + text + "' is not a business duration; write it like 1h, 30m,"
                    + " 1h30m or 10d");
        }
        long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long minutes = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        Duration d = Duration.ofHours(hours).plusMinutes(minutes);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is zero; an SLA target must leave some time");
        }
        return d;
    }

    /** "1 h 30 min", "45 min", "3 h", as people read it in a reminder. */
    public static String words(Duration d) {
        long minutes = Math.max(0, (d.toSeconds() + 59) / 60);
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return m + " min";
        }
        return m == 0 ? h + " h" : h + " h " + m + " min";
    }
}
