package app.pompier.sla;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCalendarTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Holidays of France in 2026 that the cases below cross. */
    static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 4, 6), LocalDate.of(2026, 7, 14),
            LocalDate.of(2026, 5, 1), LocalDate.of(2026, 12, 25));

    static Map<DayOfWeek, List<OpeningHours>> weekdays(OpeningHours... hours) {
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(d, List.of(hours));
        }
        return week;
    }

    static OpeningHours hours(String from, String to) {
        return new OpeningHours(LocalTime.parse(from), to.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(to));
    }

    /** Monday to Friday 09:00–12:30 and 13:30–18:00 in Paris, with France's holidays. */
    final BusinessCalendar paris = BusinessCalendar.of(PARIS,
            weekdays(hours("09:00", "12:30"), hours("13:30", "18:00")), HOLIDAYS::contains, Set.of());

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({
            "2026-11-23T10:00, PT1H,    2026-11-23T11:00",   // Monday morning
            "2026-11-23T12:00, PT1H,    2026-11-23T14:00",   // over lunch
            "2026-11-23T17:00, PT1H,    2026-11-23T18:00",   // ends exactly at closing: closing, not next opening
            "2026-11-23T18:00, PT1H,    2026-11-24T10:00",   // at closing
            "2026-11-20T17:30, PT1H,    2026-11-23T09:30",   // Friday evening over the weekend
            "2026-04-03T17:30, PT1H,    2026-04-07T09:30",   // Friday before Easter Monday
            "2026-07-13T17:30, PT1H,    2026-07-15T09:30",   // Monday before 14 juillet (a Tuesday)
            "2026-11-22T15:00, PT1H,    2026-11-23T10:00",   // reported on a Sunday
            "2026-11-24T23:00, PT1H,    2026-11-25T10:00",   // reported at night
            "2026-11-23T08:59, PT1M,    2026-11-23T09:01",   // a minute before opening
            "2026-11-23T09:00, PT8H,    2026-11-23T18:00",   // one whole day
            "2026-11-23T09:00, PT8H1M,  2026-11-24T09:01",   // one day and a minute
            "2026-11-23T10:00, PT0S,    2026-11-23T10:00"})
    void adding_business_time_skips_closed_hours(String start, Duration business, String expected) {
        assertEquals(at(expected), paris.plus(at(start), business));
    }

    @ParameterizedTest(name = "{0} to {1} = {2}")
    @CsvSource({
            "2026-11-20T17:00, 2026-11-23T10:00, PT2H",
            "2026-11-23T12:00, 2026-11-23T14:00, PT1H",
            "2026-11-23T19:00, 2026-11-24T08:00, PT0S",
            "2026-04-03T09:00, 2026-04-07T18:00, PT16H",
            "2026-11-23T11:00, 2026-11-23T10:00, PT0S"})
    void elapsed_business_time_counts_only_opening_hours(String from, String to, Duration expected) {
        assertEquals(expected, paris.between(at(from), at(to)));
    }

    @Test
    void adding_then_measuring_gives_back_the_duration() {
        Instant start = at("2026-12-23T16:20");
        for (long minutes : new long[]{1, 59, 100, 480, 481, 2000, 6000}) {
            Instant end = paris.plus(start, Duration.ofMinutes(minutes));
            assertEquals(Duration.ofMinutes(minutes), paris.between(start, end), minutes + " min");
        }
    }

    @Test
    void the_next_opening_is_now_when_open_and_the_next_interval_otherwise() {
        assertEquals(at("2026-11-23T09:00"), paris.nextOpening(at("2026-11-23T09:00")));
        assertTrue(paris.isOpen(at("2026-11-23T09:00")));
        assertFalse(paris.isOpen(at("2026-11-23T12:30")), "12:30 is the end of the morning, exclusive");
        assertEquals(at("2026-11-23T13:30"), paris.nextOpening(at("2026-11-23T12:30")));
        assertEquals(at("2026-11-24T09:00"), paris.nextOpening(at("2026-11-23T18:00")));
        assertEquals(at("2026-12-28T09:00"), paris.nextOpening(at("2026-12-24T18:30")), "over Christmas and a weekend");
    }

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
            "2026-11-24T10:00, 10, 2026-12-08T10:00",   // two weeks later, same time
            "2026-11-21T15:00, 1,  2026-11-24T09:00",   // from a Saturday: counting starts Monday 09:00
            "2026-07-10T11:00, 2,  2026-07-15T11:00",   // over a weekend and 14 juillet
            "2026-11-23T18:00, 1,  2026-11-25T09:00",   // after closing: counting starts the next morning
            "2026-11-23T10:00, 0,  2026-11-23T10:00"})
    void adding_business_days_keeps_the_time_of_day(String start, int days, String expected) {
        assertEquals(at(expected), paris.plusDays(at(start), days));
    }

    @Test
    void extra_closed_days_are_skipped_like_holidays() {
        var bridged = BusinessCalendar.of(PARIS, weekdays(hours("09:00", "18:00")), HOLIDAYS::contains,
                Set.of(LocalDate.of(2026, 7, 13)));
        assertEquals(at("2026-07-15T10:00"), bridged.plus(at("2026-07-10T17:00"), Duration.ofHours(2)));
    }

    @Test
    void business_time_over_the_spring_daylight_saving_change_is_real_time() {
        var everyDay = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            everyDay.put(d, List.of(hours("00:00", "24:00")));
        }
        var open = BusinessCalendar.of(PARIS, everyDay, PublicHolidays.NONE, Set.of());
        // 29 March 2026: 02:00 becomes 03:00 in Paris; that Sunday has 23 hours.
        assertEquals(Duration.ofHours(23), open.between(at("2026-03-29T00:00"), at("2026-03-30T00:00")));
        assertEquals(at("2026-03-29T04:00"), open.plus(at("2026-03-29T01:00"), Duration.ofHours(2)));
        // 25 October 2026: 03:00 becomes 02:00 again; that Sunday has 25 hours.
        assertEquals(Duration.ofHours(25), open.between(at("2026-10-25T00:00"), at("2026-10-26T00:00")));
    }

    @Test
    void an_interval_that_holds_the_clock_change_lasts_its_real_length() {
        var sundays = new EnumMap<DayOfWeek, List<OpeningHours>>(DayOfWeek.class);
        sundays.put(DayOfWeek.SUNDAY, List.of(hours("01:00", "04:00")));
        var night = BusinessCalendar.of(PARIS, sundays, PublicHolidays.NONE, Set.of());
        assertEquals(Duration.ofHours(2), night.between(at("2026-03-29T00:00"), at("2026-03-29T12:00")));
        assertEquals(Duration.ofHours(4), night.between(LocalDateTime.parse("2026-10-25T00:00").atZone(PARIS)
                .toInstant(), at("2026-10-25T12:00")));
    }

    @Test
    void business_days_over_a_daylight_saving_change_keep_the_local_time() {
        assertEquals(at("2026-03-30T10:00"), paris.plusDays(at("2026-03-27T10:00"), 1));
        assertEquals(at("2026-10-26T10:00"), paris.plusDays(at("2026-10-23T10:00"), 1));
    }

    @Test
    void always_open_counts_wall_time_and_ignores_holidays() {
        var always = BusinessCalendar.alwaysOpen(PARIS);
        assertEquals(at("2026-07-14T11:00"), always.plus(at("2026-07-14T10:00"), Duration.ofHours(1)));
        assertEquals(Duration.ofHours(24 * 3), always.between(at("2026-11-20T10:00"), at("2026-11-23T10:00")));
        assertTrue(always.isOpen(at("2026-12-25T03:00")));
    }

    @Test
    void overlapping_inverted_or_missing_hours_are_refused() {
        var overlap = assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(PARIS,
                weekdays(hours("09:00", "13:00"), hours("12:30", "18:00")), PublicHolidays.NONE, Set.of()));
        assertTrue(overlap.getMessage().contains("overlap: 09:00-13:00 and 12:30-18:00"), overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hours("18:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.of(PARIS, Map.of(), PublicHolidays.NONE,
                Set.of()));
    }
}
