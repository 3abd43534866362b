package app.pompier.slack;

import app.pompier.sla.BusinessDurations;
import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** SLA states in words, with times in the team's time zone: "take-in due in 15 min (10:45)". */
public final class SlaWords {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final ZoneId zone;
    private final Clock clock;

    public SlaWords(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    /** "10:45" today, "Tue 10:45" within the week, "Tue 1 Dec 10:45" further. */
    public String when(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(today, at.toLocalDate());
        if (days == 0) {
            return TIME.format(at);
        }
        return (days > 0 && days < 7 ? DAY_TIME : DATE_TIME).format(at);
    }

    /** "take-in due in 15 min (10:45)", "take-in breached at 10:45", "take-in paused (waiting on the reporter)". */
    public String state(GoalStatus s) {
        String goal = s.goal().words();
        if (s.done()) {
            return goal + (Boolean.TRUE.equals(s.met()) ? " met" : " missed");
        }
        if (s.breached()) {
            return goal + " breached" + (s.deadline() != null ? " at " + when(s.deadline()) : "");
        }
        if (s.paused()) {
            return goal + " paused while waiting on the reporter (" + BusinessDurations.words(s.left()) + " left)";
        }
        return goal + " due in " + BusinessDurations.words(s.left()) + " (" + when(s.deadline()) + ")";
    }

    /** Who has the ticket, the way a reminder ends. */
    public static String holder(Ticket t) {
        return t.assignee() == null ? "nobody has taken it" : "taken by " + TicketCard.person(t.assignee());
    }

    /** One line of a reminder or of /sla: "INC-42 · P1 · take-in due in 15 min (10:45) · nobody has taken it". */
    public String line(Ticket t, GoalStatus s) {
        return t.id() + " · " + t.priority() + " · " + state(s) + " · " + holder(t);
    }

    public static String icon(GoalStatus s) {
        if (s.done()) {
            return Boolean.TRUE.equals(s.met()) ? ":white_check_mark:" : ":x:";
        }
        if (s.breached()) {
            return ":rotating_light:";
        }
        return s.paused() ? ":double_vertical_bar:" : ":stopwatch:";
    }
}
