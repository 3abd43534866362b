package app.pompier.sla;

import app.pompier.ticket.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stored SLA clocks of tickets and the reminders they posted. */
public interface SlaClocks {

    Map<SlaGoal, GoalClock> of(long ticketKey);

    void save(long ticketKey, GoalClock clock);

    /** The waits on the reporter, oldest first. */
    List<Pause> pauses(long ticketKey);

    /** Tickets changed since their clocks were last computed. */
    List<Long> dirty(int limit);

    void markComputed(long ticketKey);

    /** How long a claim on a reminder's post lasts: one older was left by a crash mid-post and may be taken over. */
    Duration REMINDER_LEASE = Duration.ofMinutes(2);

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
     * A claim on a reminder's post, and which attempt it is: results are recorded only under the attempt that made
     * them (0 when nothing was claimed: {@link ReminderClaim#POSTED} or {@link ReminderClaim#HELD}).
     */
    record ReminderHold(ReminderClaim claim, int attempt) {
    }

    /**
     * Claims the posting of one reminder, so that a reminder fired twice (a retry, a second replica) is
     * posted once. A claim left by a crash mid-post is taken over, as {@link ReminderClaim#IN_DOUBT}, once its
     * replica is known dead or after {@link #REMINDER_LEASE}.
     */
    ReminderHold claimReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold, Instant now);

    /**
     * The post failed in a way that may still have reached Slack (a timeout, a 5xx, a crash): whoever tries
     * next takes the claim over at once and looks in the thread first. Only under the claim's own attempt.
     */
    boolean reminderInDoubt(long ticketKey, SlaGoal goal, Priority priority, int threshold, int attempt);

    /**
     * Puts every claim still being posted in doubt. Called at start: the one process on a SQLite file holds
     * no claim then, so the claims found were cut by a crash and need not wait to go stale.
     */
    int doubtReminderClaims();

    /**
     * The reminder is in the thread. Recorded only under the claim that posted it ({@code attempt} of this replica):
     * false, recording nothing, when another replica took it over meanwhile.
     */
    boolean reminderPosted(long ticketKey, SlaGoal goal, Priority priority, int threshold, int attempt,
                           String messageTs);

    /** The message recorded for a reminder posted, if any. */
    Optional<String> reminderTs(long ticketKey, SlaGoal goal, Priority priority, int threshold);

    /** A goal that falls due, for the /sla list. */
    record Due(long ticketKey, SlaGoal goal, Priority priority, Instant dueAt) {
    }

    /** Running goals due before {@code until} (breached ones included), by priority then deadline. */
    List<Due> dueBefore(Instant until, int limit);
}
