package app.pompier.ops;

import app.pompier.language.Phrase;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
     * {@code once}, {@code weekly}, {@code monthly}, {@code every 2 months}; a script may write them in French too
     * ({@code une fois}, {@code chaque semaine}, {@code chaque semaine le samedi}, {@code chaque mois},
     * {@code tous les 2 mois}), whatever the case or accents.
     *
     * @throws Refused when the text is none of these or cannot repeat from {@code start}
     */
    static Recurrence parse(String text, LocalDateTime start) {
        String t = text == null ? "once" : Components.normal(text);
        Recurrence r;
        Optional<DayOfWeek> on = Optional.empty();
        if (t.matches("(weekly on|chaque semaine le) \\p{Alpha}+")) {
            on = dayNamed(t.substring(t.lastIndexOf(' ') + 1));
        }
        if (t.isEmpty() || t.equals("once") || t.equals("une fois")) {
            r = new Once();
        } else if (t.equals("weekly") || t.equals("chaque semaine") || t.equals("toutes les semaines")) {
            r = new Weekly(start.getDayOfWeek());
        } else if (on.isPresent()) {
            r = new Weekly(on.get());
        } else if (t.equals("monthly") || t.equals("chaque mois") || t.equals("tous les mois")) {
            r = new Monthly(start.getDayOfMonth());
        } else if (t.matches("every \\d{1,2} months?|tous les \\d{1,2} mois")) {
            r = new EveryMonths(Integer.parseInt(t.replaceAll("\\D", "")));
        } else {
            throw new Refused("'" + text + "' is not a recurrence; choose once, weekly, monthly or every N months",
                    Phrase.of("ops.recurrence.unknown", "text", text));
        }
        r.check(start);
        return r;
    }

    /** A day named in English or French: {@code saturday}, {@code samedi}. */
    private static Optional<DayOfWeek> dayNamed(String name) {
        List<String> french = List.of("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche");
        for (DayOfWeek d : DayOfWeek.values()) {
            if (name.equals(name(d)) || name.equals(french.get(d.ordinal()))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Refuses what cannot repeat: a day of the month that some months lack, zero months, more than a year. */
    default void check(LocalDateTime start) {
        if ((this instanceof Monthly || this instanceof EveryMonths) && start.getDayOfMonth() > 28) {
            throw new Refused("a monthly recurrence on day " + start.getDayOfMonth()
                    + " is impossible: some months have no such day; start on day 28 or earlier",
                    Phrase.of("ops.recurrence.no_such_day", "day", start.getDayOfMonth()));
        }
        if (this instanceof EveryMonths e && (e.months() < 1 || e.months() > 12)) {
            throw new Refused("every " + e.months() + " months is impossible; give 1 to 12 months",
                    Phrase.of("ops.recurrence.months_out_of_range", "months", e.months()));
        }
        if (this instanceof Weekly w && w.day() != start.getDayOfWeek()) {
            throw new Refused("weekly on " + name(w.day()) + " does not match the start, a "
                    + name(start.getDayOfWeek()), Phrase.of("ops.recurrence.not_the_start_day", "day", name(w.day()),
                    "start", name(start.getDayOfWeek())));
        }
    }

    /**
     * A recurrence that cannot be: the message for operators' logs, the phrase for people, said in their language.
     */
    final class Refused extends IllegalArgumentException {
        private final transient Phrase phrase;

        public Refused(String message, Phrase phrase) {
            super(message);
            this.phrase = phrase;
        }

        public Phrase phrase() {
            return phrase;
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

    /** How it repeats, in words: "weekly on saturday", "every 2 months". */
    default Phrase phrase() {
        if (this instanceof Weekly w) {
            return Phrase.of("ops.recurrence.weekly_on", "day", name(w.day()));
        }
        if (this instanceof Monthly m) {
            return Phrase.of("ops.recurrence.monthly_on", "day", m.dayOfMonth());
        }
        return this instanceof EveryMonths e ? Phrase.of("ops.recurrence.every_months", "months", e.months())
                : Phrase.of("ops.recurrence.once");
    }

    /** A day as the phrases select it: {@code saturday}. */
    private static String name(DayOfWeek day) {
        return day.toString().toLowerCase(Locale.ROOT);
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
