package app.pompier.sla;

import app.pompier.ticket.Ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The SLA as people see it now: each goal's time left or deadline, and what falls due. Reads only. */
public final class ReadingSla {
    private final SlaClocks clocks;
    private final SlaClock clock;
    private final Clock time;

    public ReadingSla(SlaClocks clocks, SlaClock clock, Clock time) {
        this.clocks = clocks;
        this.clock = clock;
        this.time = time;
    }

    /** Every goal of a ticket that has a target; empty before the clock starts. */
    public Map<SlaGoal, GoalStatus> statuses(Ticket ticket) {
        Map<SlaGoal, GoalStatus> statuses = new EnumMap<>(SlaGoal.class);
        if (ticket.slaStartedAt() == null || ticket.priority() == null) {
            return statuses;
        }
        Instant now = time.instant();
        List<Pause> pauses = clocks.pauses(ticket.key());
        for (GoalClock c : clocks.of(ticket.key()).values()) {
            if (c.budget() != null) {
                statuses.put(c.goal(), status(ticket, c, pauses, now));
            }
        }
        return statuses;
    }

    GoalStatus status(Ticket ticket, GoalClock c, List<Pause> pauses, Instant now) {
        Instant end = c.isDone() ? c.doneAt() : now;
        Duration consumed = clock.consumed(ticket.slaStartedAt(), pauses, end);
        Instant deadline = clock.whenConsumed(ticket.slaStartedAt(), c.budget(), pauses, now).orElse(null);
        return new GoalStatus(c.goal(), clock.policy().target(c.goal(), c.priority()), c.budget(),
                c.budget().minus(consumed), deadline, clock.isPaused(pauses) && !c.isDone(), c.isDone(), c.met());
    }

    /** Running goals due within {@code business} time from now, breached ones included. */
    public List<SlaClocks.Due> dueWithin(Duration business) {
        return clocks.dueBefore(clock.calendar().plus(time.instant(), business), 200);
    }
}
