package app.pompier.sla;

import app.pompier.ticket.Priority;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The stored SLA clocks of tickets and the reminders they posted. */
public interface SlaClocks {

    Map<SlaGoal, GoalClock> of(long ticketKey);

    void save(long ticketKey, GoalClock clock);

    /** The waits on the reporter, oldest first. */
    List<Pause> pauses(long ticketKey);

    /** Tickets changed since their clocks were last computed. */
    List<Long> dirty(int limit);

    void markComputed(long ticketKey);

    /**
     * Claims the posting of one reminder; false when it was posted or is being posted, so that a reminder
     * fired twice (a retry, a second replica) is posted once. A claim left by a crash mid-post is taken
     * over after a while.
     */
    boolean claimReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold, Instant now);

    /** Gives up a claim whose post failed, so that the retry posts it. */
    void releaseReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold);

    void reminderPosted(long ticketKey, SlaGoal goal, Priority priority, int threshold, String messageTs);

    /** A goal that falls due, for the /sla list. */
    record Due(long ticketKey, SlaGoal goal, Priority priority, Instant dueAt) {
    }

    /** Running goals due before {@code until} (breached ones included), by priority then deadline. */
    List<Due> dueBefore(Instant until, int limit);
}
