package app.pompier.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When fixes ship: a weekly release on one day at one time (Tuesday by default). A release day that is
 * closed (a holiday) moves to the next open day.
 */
public record ReleaseCalendar(DayOfWeek day, LocalTime at) {

    public static ReleaseCalendar defaults() {
        return new ReleaseCalendar(DayOfWeek.TUESDAY, LocalTime.of(10, 0));
    }

    /** The first release strictly after {@code after}. */
    public Instant nextAfter(Instant after, BusinessCalendar calendar) {
        LocalDate date = after.atZone(calendar.zone()).toLocalDate().with(TemporalAdjusters.nextOrSame(day));
        while (true) {
            LocalDate releaseDay = calendar.firstOpenDayFrom(date).orElse(date);
            Instant release = ZonedDateTime.of(releaseDay, at, calendar.zone()).toInstant();
            if (release.isAfter(after)) {
                return release;
            }
            date = date.plusWeeks(1);
        }
    }
}
