package app.pompier.slack;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Moments in words, in the team's time zone: "10:45" today, "Tue 10:45" within the week, "Tue 1 Dec 10:45" further. */
public final class TimeWords {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ZoneId zone;
    private final Clock clock;

    public TimeWords(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public String when(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(today, at.toLocalDate());
        if (days == 0) {
            return TIME.format(at);
        }
        return (days > 0 && days < 7 ? DAY_TIME : DATE_TIME).format(at);
    }

    /** "Mon 08:00 → Wed 08:00". */
    public String span(Instant start, Instant end) {
        return when(start) + " → " + when(end);
    }
}
