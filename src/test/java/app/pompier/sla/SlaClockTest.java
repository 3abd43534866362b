package app.pompier.sla;

import app.pompier.ticket.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static app.pompier.sla.BusinessCalendarTest.HOLIDAYS;
import static app.pompier.sla.BusinessCalendarTest.PARIS;
import static app.pompier.sla.BusinessCalendarTest.at;
import static app.pompier.sla.BusinessCalendarTest.hours;
import static app.pompier.sla.BusinessCalendarTest.weekdays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SlaClockTest {
    final BusinessCalendar calendar = BusinessCalendar.of(PARIS,
            weekdays(hours("09:00", "12:30"), hours("13:30", "18:00")), HOLIDAYS::contains, Set.of());
    final SlaClock clock = new SlaClock(calendar, SlaPolicy.defaults());
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void a_p1_qualified_friday_evening_before_easter_monday_is_due_tuesday_morning() {
        Instant start = at("2026-04-03T17:30");
        Duration budget = clock.budget(SlaPolicy.defaults().target(SlaGoal.TAKE_IN, Priority.P1), start).orElseThrow();
        assertEquals(HOUR, budget);
        assertEquals(Optional.of(at("2026-04-07T09:30")), clock.whenLeft(start, budget, 0, List.of(), start));
        assertEquals(Optional.of(at("2026-04-03T18:00")), clock.whenLeft(start, budget, 50, List.of(), start));
        assertEquals(Optional.of(at("2026-04-07T09:15")), clock.whenLeft(start, budget, 25, List.of(), start));
        assertEquals(Optional.of(at("2026-04-07T09:24")), clock.whenLeft(start, budget, 10, List.of(), start));
    }

    @Test
    void a_pause_on_the_reporter_moves_the_deadline_by_the_business_time_it_lasted() {
        Instant start = at("2026-11-23T10:00");
        List<Pause> pauses = List.of(new Pause(at("2026-11-23T10:10"), at("2026-11-23T10:30")));
        Instant now = at("2026-11-23T10:40");
        assertEquals(Duration.ofMinutes(20), clock.consumed(start, pauses, now));
        assertEquals(Optional.of(at("2026-11-23T11:20")), clock.whenConsumed(start, HOUR, pauses, now));
    }

    @Test
    void a_pause_over_the_night_costs_only_its_business_time() {
        Instant start = at("2026-11-23T17:00");
        List<Pause> pauses = List.of(new Pause(at("2026-11-23T17:30"), at("2026-11-24T09:30")));
        assertEquals(Optional.of(at("2026-11-24T10:00")),
                clock.whenConsumed(start, HOUR, pauses, at("2026-11-24T09:45")));
    }

    @Test
    void while_waiting_on_the_reporter_there_is_no_deadline() {
        Instant start = at("2026-11-23T10:00");
        List<Pause> waiting = List.of(new Pause(at("2026-11-23T10:15"), null));
        assertEquals(Optional.empty(), clock.whenConsumed(start, HOUR, waiting, at("2026-11-23T15:00")));
        assertEquals(Duration.ofMinutes(15), clock.consumed(start, waiting, at("2026-11-23T15:00")));
    }

    @Test
    void a_breach_before_the_pause_keeps_its_moment() {
        Instant start = at("2026-11-23T10:00");
        List<Pause> waiting = List.of(new Pause(at("2026-11-23T14:00"), null));
        assertEquals(Optional.of(at("2026-11-23T11:00")),
                clock.whenConsumed(start, HOUR, waiting, at("2026-11-23T15:00")));
    }

    @Test
    void ten_business_days_and_the_next_release_give_their_budgets() {
        Instant wednesday = at("2026-11-25T11:00");
        Duration tenDays = clock.budget(new SlaTarget.WithinDays(10), wednesday).orElseThrow();
        assertEquals(Optional.of(at("2026-12-09T11:00")), clock.whenConsumed(wednesday, tenDays, List.of(), wednesday));
        Duration release = clock.budget(new SlaTarget.NextRelease(), wednesday).orElseThrow();
        assertEquals(Optional.of(at("2026-12-01T10:00")), clock.whenConsumed(wednesday, release, List.of(), wednesday));
        assertEquals(Optional.empty(), clock.budget(new SlaTarget.None(), wednesday));
    }

    @Test
    void a_release_on_a_holiday_moves_to_the_next_open_day() {
        // 14 juillet 2026 is a Tuesday.
        assertEquals(at("2026-07-15T10:00"),
                ReleaseCalendar.defaults().nextAfter(at("2026-07-10T12:00"), calendar));
    }

    @Test
    void raising_the_priority_keeps_the_time_consumed_and_may_breach_at_once() {
        Instant start = at("2026-11-23T09:00");
        Instant now = at("2026-11-23T11:00");
        Duration consumed = clock.consumed(start, List.of(), now);
        assertEquals(Duration.ofHours(2), consumed);
        Duration p1 = clock.budget(SlaPolicy.defaults().target(SlaGoal.TAKE_IN, Priority.P1), start).orElseThrow();
        assertEquals(Optional.of(at("2026-11-23T10:00")), clock.whenConsumed(start, p1, List.of(), now));
        assertEquals(0, clock.mostRecentCrossed(p1, consumed, SlaPolicy.defaults().thresholds()));
    }

    @Test
    void the_most_recent_threshold_crossed_is_the_only_one_to_post() {
        List<Integer> thresholds = SlaPolicy.defaults().thresholds();
        assertEquals(-1, clock.mostRecentCrossed(HOUR, Duration.ofMinutes(29), thresholds));
        assertEquals(50, clock.mostRecentCrossed(HOUR, Duration.ofMinutes(30), thresholds));
        assertEquals(10, clock.mostRecentCrossed(HOUR, Duration.ofMinutes(55), thresholds));
        assertEquals(0, clock.mostRecentCrossed(HOUR, Duration.ofMinutes(90), thresholds));
    }

    @Test
    void targets_are_read_from_what_teams_write() {
        assertEquals(new SlaTarget.Within(HOUR), BusinessDurations.target("1h"));
        assertEquals(new SlaTarget.Within(Duration.ofMinutes(90)), BusinessDurations.target("1h30m"));
        assertEquals(new SlaTarget.WithinDays(10), BusinessDurations.target("10d"));
        assertEquals(new SlaTarget.NextRelease(), BusinessDurations.target("next_release"));
        assertEquals(new SlaTarget.None(), BusinessDurations.target("none"));
        assertThrows(IllegalArgumentException.class, () -> BusinessDurations.target("soon"));
        assertThrows(IllegalArgumentException.class, () -> BusinessDurations.target("0m"));
        assertEquals("1 h 30 min", BusinessDurations.words(Duration.ofMinutes(90)));
        assertEquals("15 min", BusinessDurations.words(Duration.ofMinutes(15)));
    }
}
