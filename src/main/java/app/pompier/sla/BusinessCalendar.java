package app.pompier.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When support is open: weekly opening hours in the team's time zone, less public holidays and extra
 * closed days, or always (24/7). SLA delays count only this business time. Daylight-saving changes are
 * handled by working in the zone's local time and measuring real elapsed time inside each interval.
 */
public final class BusinessCalendar {
    /** A calendar with no open day within this many days is a configuration error, not a long wait. */
    private static final int MAX_CLOSED_DAYS = 366 * 2;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpeningHours>> week;
    private final PublicHolidays holidays;
    private final Set<LocalDate> closedDays;
    private final boolean alwaysOpen;

    private BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> week, PublicHolidays holidays,
                             Set<LocalDate> closedDays, boolean alwaysOpen) {
        this.zone = zone;
        this.week = week;
        this.holidays = holidays;
        this.closedDays = Set.copyOf(closedDays);
        this.alwaysOpen = alwaysOpen;
    }

    /**
     * @throws IllegalArgumentException when a day's intervals overlap or no day has opening hours
     */
    public static BusinessCalendar of(ZoneId zone, Map<DayOfWeek, List<OpeningHours>> hours, PublicHolidays holidays,
                                      Set<LocalDate> closedDays) {
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        for (var entry : hours.entrySet()) {
            List<OpeningHours> day = new ArrayList<>(entry.getValue());
            Collections.sort(day);
            for (int i = 1; i < day.size(); i++) {
                if (day.get(i - 1).overlaps(day.get(i))) {
                    throw new IllegalArgumentException("opening hours of " + entry.getKey().toString().toLowerCase()
                            + " overlap: " + day.get(i - 1) + " and " + day.get(i));
                }
            }
            if (!day.isEmpty()) {
                week.put(entry.getKey(), List.copyOf(day));
            }
        }
        if (week.isEmpty()) {
            throw new IllegalArgumentException("no day has opening hours; give some, or say the team is always open");
        }
        return new BusinessCalendar(zone, week, holidays, closedDays, false);
    }

    public static BusinessCalendar alwaysOpen(ZoneId zone) {
        return new BusinessCalendar(zone, Map.of(), PublicHolidays.NONE, Set.of(), true);
    }

    public ZoneId zone() {
        return zone;
    }

    /** An open interval [start, end) in real time. */
    private record Interval(Instant start, Instant end) {
    }

    public boolean isOpenDay(LocalDate date) {
        return alwaysOpen || (week.containsKey(date.getDayOfWeek()) && !holidays.isHoliday(date)
                && !closedDays.contains(date));
    }

    private List<Interval> intervalsOf(LocalDate date) {
        if (!isOpenDay(date)) {
            return List.of();
        }
        List<Interval> intervals = new ArrayList<>();
        for (OpeningHours h : week.get(date.getDayOfWeek())) {
            Instant start = ZonedDateTime.of(date, h.start(), zone).toInstant();
            Instant end = h.endsAtMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(date, h.end(), zone).toInstant();
            if (end.isAfter(start)) {
                intervals.add(new Interval(start, end));
            }
        }
        return intervals;
    }

    /** Walks the open intervals from {@code from} on, each clipped to start no earlier than it. */
    private interface IntervalVisitor {
        /** Returns true to stop. */
        boolean visit(Instant start, Instant end);
    }

    private void walk(Instant from, IntervalVisitor visitor) {
        LocalDate date = from.atZone(zone).toLocalDate().minusDays(1);
        int closedInARow = 0;
        while (true) {
            List<Interval> day = intervalsOf(date);
            if (day.isEmpty()) {
                if (++closedInARow > MAX_CLOSED_DAYS) {
                    throw new IllegalStateException("the calendar has no open day in two years after " + from);
                }
            } else {
                closedInARow = 0;
            }
            for (Interval i : day) {
                if (!i.end().isAfter(from)) {
                    continue;
                }
                Instant start = i.start().isBefore(from) ? from : i.start();
                if (visitor.visit(start, i.end())) {
                    return;
                }
            }
            date = date.plusDays(1);
        }
    }

    public boolean isOpen(Instant t) {
        return alwaysOpen || nextOpening(t).equals(t);
    }

    /** {@code t} itself when support is open then, otherwise the next moment it opens. */
    public Instant nextOpening(Instant t) {
        if (alwaysOpen) {
            return t;
        }
        Instant[] found = new Instant[1];
        walk(t, (start, end) -> {
            found[0] = start;
            return true;
        });
        return found[0];
    }

    /** Business time in [a, b); zero when b is not after a. */
    public Duration between(Instant a, Instant b) {
        if (!b.isAfter(a)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(a, b);
        }
        Duration[] total = {Duration.ZERO};
        walk(a, (start, end) -> {
            if (!start.isBefore(b)) {
                return true;
            }
            Instant until = end.isAfter(b) ? b : end;
            total[0] = total[0].plus(Duration.between(start, until));
            return !end.isBefore(b);
        });
        return total[0];
    }

    /**
     * The moment when {@code business} time has passed since {@code start}. A duration that ends exactly
     * at closing time gives the closing time, not the next opening.
     */
    public Instant plus(Instant start, Duration business) {
        if (business.isNegative()) {
            throw new IllegalArgumentException("a business duration is not negative: " + business);
        }
        if (alwaysOpen) {
            return start.plus(business);
        }
        if (business.isZero()) {
            return start;
        }
        Instant[] result = new Instant[1];
        Duration[] left = {business};
        walk(start, (from, end) -> {
            Duration length = Duration.between(from, end);
            if (left[0].compareTo(length) <= 0) {
                result[0] = from.plus(left[0]);
                return true;
            }
            left[0] = left[0].minus(length);
            return false;
        });
        return result[0];
    }

    /**
     * The same moment of the business day, {@code days} business days later: a report qualified Tuesday
     * 10:00 with 10 business days is due on the tenth open day after, at 10:00 (or its closing time when
     * that day is shorter). Outside opening hours, counting starts at the next opening.
     */
    public Instant plusDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("business days are not negative: " + days);
        }
        if (alwaysOpen) {
            return start.atZone(zone).plusDays(days).toInstant();
        }
        Instant from = nextOpening(start);
        LocalDate date = from.atZone(zone).toLocalDate();
        List<Interval> today = intervalsOf(date);
        Duration offset = between(today.get(0).start(), from);
        LocalDate target = date;
        for (int counted = 0; counted < days; ) {
            target = target.plusDays(1);
            if (isOpenDay(target)) {
                counted++;
            }
        }
        List<Interval> targetDay = intervalsOf(target);
        Instant opening = targetDay.get(0).start();
        Instant closing = targetDay.get(targetDay.size() - 1).end();
        Duration dayLength = between(opening, closing);
        return offset.compareTo(dayLength) >= 0 ? closing : plus(opening, offset);
    }

    /** The first open day on or after {@code date}, for showing dates. */
    public Optional<LocalDate> firstOpenDayFrom(LocalDate date) {
        for (int i = 0; i <= MAX_CLOSED_DAYS; i++) {
            if (isOpenDay(date.plusDays(i))) {
                return Optional.of(date.plusDays(i));
            }
        }
        return Optional.empty();
    }
}
