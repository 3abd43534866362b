package app.pompier.sla;

import app.pompier.ticket.Priority;

import java.time.Duration;
import java.time.Instant;

/**
 * The stored state of one goal of one ticket.
 *
 * @param priority         the priority the budget was counted for; a change starts reminders afresh
 * @param budget           business time the target gives; null when there is no target
 * @param dueAt            the deadline while the clock runs; null when paused, done or without target
 * @param doneAt           when the goal was met or missed (taken in, resolved); null while open
 * @param met              whether it was done within the budget; null while open
 * @param pendingThreshold the reminder scheduled next (percent left, 0 for the breach); null for none
 * @param lastPosted       the smallest threshold already posted for this priority; null for none
 */
public record GoalClock(SlaGoal goal, Priority priority, Duration budget, Instant dueAt, Instant doneAt,
                        Boolean met, Integer pendingThreshold, Integer lastPosted) {

    public static GoalClock fresh(SlaGoal goal, Priority priority) {
        return new GoalClock(goal, priority, null, null, null, null, null, null);
    }

    public boolean isDone() {
        return doneAt != null;
    }
}
