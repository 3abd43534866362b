package app.pompier.sla;

import app.pompier.ticket.Priority;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA a team promises, per priority, and when it reminds people. Defaults are the seed's: P1 taken in
 * within 1 business hour and fixed by a hotfix; P2 taken in within 10 business days and fixed in the next
 * release; P3 taken in when nothing more urgent waits, fixed in a scheduled release.
 *
 * @param remindAtPercentLeft thresholds of the target left when a reminder is posted, largest first;
 *                            a reminder at breach (0 %) always follows
 */
public record SlaPolicy(Map<Priority, SlaTarget> takeIn, Map<Priority, SlaTarget> resolution,
                        ReleaseCalendar releases, List<Integer> remindAtPercentLeft) {
    public SlaPolicy {
        takeIn = Map.copyOf(takeIn);
        resolution = Map.copyOf(resolution);
        remindAtPercentLeft = List.copyOf(remindAtPercentLeft);
    }

    public static SlaPolicy defaults() {
        Map<Priority, SlaTarget> takeIn = new EnumMap<>(Priority.class);
        takeIn.put(Priority.P1, new SlaTarget.Within(java.time.Duration.ofHours(1)));
        takeIn.put(Priority.P2, new SlaTarget.WithinDays(10));
        takeIn.put(Priority.P3, new SlaTarget.None());
        Map<Priority, SlaTarget> resolution = new EnumMap<>(Priority.class);
        resolution.put(Priority.P1, new SlaTarget.WithinDays(2));
        resolution.put(Priority.P2, new SlaTarget.NextRelease());
        resolution.put(Priority.P3, new SlaTarget.None());
        return new SlaPolicy(takeIn, resolution, ReleaseCalendar.defaults(), List.of(50, 25, 10));
    }

    public SlaTarget target(SlaGoal goal, Priority priority) {
        return (goal == SlaGoal.TAKE_IN ? takeIn : resolution).getOrDefault(priority, new SlaTarget.None());
    }

    /** Every threshold, largest first, ending with the breach (0). */
    public List<Integer> thresholds() {
        List<Integer> all = new java.util.ArrayList<>(remindAtPercentLeft);
        all.add(0);
        return all;
    }
}
