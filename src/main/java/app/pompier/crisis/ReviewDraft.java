package app.pompier.crisis;

import app.pompier.qualification.Answers;
import app.pompier.sla.BusinessCalendar;
import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The post-incident review (REX) draft posted in the cell when its P1 is resolved: what happened when, how
 * long it took in business and wall time, whether the SLA held, the impact and the workaround, and the
 * questions the review must answer.
 *
 * @param takeIn  time to take the ticket in; null when nobody took it
 * @param answers the latest qualification; null when there is none
 */
public record ReviewDraft(TicketId ticket, List<TimelineEntry> timeline, Spent takeIn, Spent resolution,
                          List<GoalStatus> goals, Answers answers, List<Question> questions) {
    /** What the review keeps of the timeline: what moved the incident, not every card and redraw. */
    static final Set<String> KINDS = Set.of("created", "state", "priority", "taken", "status_update", "sla", "crisis");

    /** The questions the review must answer, asked in the cell's language ({@code crisis.review.question.<code>}). */
    public enum Question {
        /** What was the root cause? */
        ROOT_CAUSE,
        /** What should have caught it: regression tests, acceptance, an unforeseen business case? */
        CAUGHT,
        /** How did we learn of it, and could we have learnt sooner? */
        LEARNT,
        /** What do we change so that it does not happen again, and who owns each action? */
        PREVENTION;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final List<Question> QUESTIONS = List.of(Question.values());

    public ReviewDraft {
        timeline = List.copyOf(timeline);
        goals = List.copyOf(goals);
        questions = List.copyOf(questions);
    }

    /** A duration counted twice: in business time (what the SLA counts) and on the wall clock. */
    public record Spent(Duration business, Duration wall) {
        static Spent between(Instant from, Instant to, BusinessCalendar calendar) {
            return new Spent(calendar.between(from, to), Duration.between(from, to));
        }
    }

    /** The draft of a ticket as it stands {@code now}; the clock counts from the complete report. */
    static ReviewDraft of(Ticket t, List<TimelineEntry> timeline, List<GoalStatus> goals, Answers answers,
                          BusinessCalendar calendar, Instant now) {
        Instant start = t.slaStartedAt() != null ? t.slaStartedAt() : t.createdAt();
        Instant resolvedAt = t.resolvedAt() != null ? t.resolvedAt() : now;
        return new ReviewDraft(t.id(), timeline.stream().filter(e -> KINDS.contains(e.kind())).toList(),
                t.takenAt() == null ? null : Spent.between(start, t.takenAt(), calendar),
                Spent.between(start, resolvedAt, calendar), goals, answers, QUESTIONS);
    }
}
