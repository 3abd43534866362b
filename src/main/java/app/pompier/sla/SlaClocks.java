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

    /** What claiming a reminder's post gave. */
    enum ReminderClaim {
        /** Nobody claimed it before: post it. */
        CLAIMED,
        /**
         * A claim left in doubt, by a crash mid-post or a post whose answer never came, was taken over:
         * Slack may have the reminder already, so look for it in the thread before posting.
         */
        IN_DOUBT,
        /** Posted already: nothing to do. */
        POSTED,
        /**
         * Being posted by another worker, maybe of another replica, that is alive: tried again later, in case it
         * dies before it records the post (its claim is then taken over, in doubt).
         */
        HELD
    }

    /**
     * Claims the posting of one reminder, so that a reminder fired twice (a retry, a second replica) is
     * posted once. A claim left by a crash mid-post is taken over, as {@link ReminderClaim#IN_DOUBT}, once its
     * replica is known dead or after a while.
     */
    ReminderClaim claimReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold, Instant now);

    /**
     * The post failed in a way that may still have reached Slack (a timeout, a 5xx, a crash): whoever tries
     * next takes the claim over at once and looks in the thread first.
     */
    void reminderInDoubt(long ticketKey, SlaGoal goal, Priority priority, int threshold);

    /**
     * Puts every claim still being posted in doubt. Called at start: the one process on a SQLite file holds
     * no claim then, so the claims found were cut by a crash and need not wait to go stale.
     */
    int doubtReminderClaims();

    void reminderPosted(long ticketKey, SlaGoal goal, Priority priority, int threshold, String messageTs);

    /** A goal that falls due, for the /sla list. */
    record Due(long ticketKey, SlaGoal goal, Priority priority, Instant dueAt) {
    }

    /** Running goals due before {@code until} (breached ones included), by priority then deadline. */
    List<Due> dueBefore(Instant until, int limit);
}
