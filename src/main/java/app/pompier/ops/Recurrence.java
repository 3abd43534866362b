package app.pompier.ops;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a window or an operation repeats. Occurrences keep their local time in the team's zone, so a
 * Saturday 08:00 maintenance stays at 08:00 across daylight-saving changes.
 */
public sealed interface Recurrence {
    record Once() implements Recurrence {
    }

    record Weekly(DayOfWeek day) implements Recurrence {
    }

    record Monthly(int dayOfMonth) implements Recurrence {
    }

    /** Every {@code months} months, on the start's day of the month (bi-monthly invoices: 2). */
    record EveryMonths(int months) implements Recurrence {
    }

    /**
     * {@code once}, {@code weekly}, {@code monthly}, {@code every 2 months}.
     *
     * @throws IllegalArgumentException when the text is none of these or cannot repeat from {@code start}
     */
    static Recurrence parse(String text, LocalDateTime start) {
        String t = text == null ? "once" : text.trim().toLowerCase(Locale.ROOT).replace('_', ' ');
        Recurrence r;
        if (t.isEmpty() || t.equals("once")) {
            r = new Once();
        } else if (t.equals("weekly")) {
            r = new Weekly(start.getDayOfWeek());
        } else if (t.equals("monthly")) {
            r = new Monthly(start.getDayOfMonth());
        } else if (t.matches("every \\d{1,2} months?")) {
            r = new EveryMonths(Integer.parseInt(t.replaceAll("\\D", "")));
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a recurrence; choose once, weekly, monthly or"
                    + " every N months");
        }
        r.check(start);
        return r;
    }

    /** Refuses what cannot repeat: a day of the month that some months lack, zero months, more than a year. */
    default void check(LocalDateTime start) {
        if ((this instanceof Monthly || this instanceof EveryMonths) && start.getDayOfMonth() > 28) {
            throw new IllegalArgumentException("a monthly recurrence on day " + start.getDayOfMonth()
                    + " is impossible: some months have no such day; start on day 28 or earlier");
        }
        if (this instanceof EveryMonths e && (e.months() < 1 || e.months() > 12)) {
            throw new IllegalArgumentException("every " + e.months() + " months is impossible; give 1 to 12 months");
        }
        if (this instanceof Weekly w && w.day() != start.getDayOfWeek()) {
            throw new IllegalArgumentException("weekly on " + w.day().toString().toLowerCase(Locale.ROOT)
                    + " does not match the start, a " + start.getDayOfWeek().toString().toLowerCase(Locale.ROOT));
        }
    }

    /** Local starts from {@code first} whose occurrence may overlap [from, to), in order. */
    default List<LocalDateTime> startsBetween(LocalDateTime first, ZoneId zone, Instant from, Instant to,
                                              java.time.Duration reach) {
        List<LocalDateTime> starts = new ArrayList<>();
        for (int k = 0; k < 5000; k++) {
            LocalDateTime start;
            if (this instanceof Weekly) {
                start = first.plusWeeks(k);
            } else if (this instanceof Monthly) {
                start = first.plusMonths(k);
            } else if (this instanceof EveryMonths e) {
                start = first.plusMonths((long) k * e.months());
            } else {
                start = k == 0 ? first : null;
            }
            if (start == null) {
                break;
            }
            Instant at = start.atZone(zone).toInstant();
            if (!at.isBefore(to)) {
                break;
            }
            if (at.plus(reach).isAfter(from)) {
                starts.add(start);
            }
        }
        return starts;
    }

    default String words() {
        if (this instanceof Weekly w) {
            return "weekly on " + w.day().toString().toLowerCase(Locale.ROOT);
        }
        if (this instanceof Monthly m) {
            return "monthly on day " + m.dayOfMonth();
        }
        return this instanceof EveryMonths e ? "every " + e.months() + " months" : "once";
    }

    default String code() {
        if (this instanceof Weekly) {
            return "weekly";
        }
        if (this instanceof Monthly) {
            return "monthly";
        }
        return this instanceof EveryMonths e ? "every " + e.months() + " months" : "once";
    }
}
