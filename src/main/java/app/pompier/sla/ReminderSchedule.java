package app.pompier.sla;

import java.time.Instant;

/** Durable timed work: a reminder that must fire at its time, across restarts, once. */
public interface ReminderSchedule {

    /** Schedules (or moves) the reminder of a goal at a threshold. */
    void schedule(long ticketKey, SlaGoal goal, int threshold, Instant at);

    /** Forgets a scheduled reminder; nothing happens when there is none. */
    void cancel(long ticketKey, SlaGoal goal, int threshold);
}
