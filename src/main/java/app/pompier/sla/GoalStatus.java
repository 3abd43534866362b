package app.pompier.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * A goal as people see it now.
 *
 * @param left     business time left; negative once breached
 * @param deadline the deadline, or when it was breached; null while paused before it
 */
public record GoalStatus(SlaGoal goal, SlaTarget target, Duration budget, Duration left, Instant deadline,
                         boolean paused, boolean done, Boolean met) {

    public boolean breached() {
        return done ? Boolean.FALSE.equals(met) : left.isNegative() || left.isZero();
    }
}
