package app.pompier.sla;

import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketDeadlines;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.Turns;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each ticket's SLA clocks: recomputes deadlines after any change (qualified, paused, resumed,
 * re-prioritised, taken, ended), schedules the next reminder of each goal, and posts a reminder when its
 * time comes: once, and after a long downtime only the most recent one that fell due.
 */
public final class KeepingSla implements TicketDeadlines {
    private final Tickets tickets;
    private final SlaClocks clocks;
    private final SlaClock clock;
    private final ReminderSchedule schedule;
    private final SlaNotices notices;
    private final Clock time;
    private final ReadingSla reading;
    /**
     * Recomputing one ticket twice at once could save the older result last, or record its take-in met twice: one
     * at a time per ticket, whatever the replica, in a few turns that tickets share.
     */
    private static final String[] TURNS = {"sla clocks 0", "sla clocks 1", "sla clocks 2", "sla clocks 3",
            "sla clocks 4", "sla clocks 5", "sla clocks 6", "sla clocks 7"};
    private final Turns turns;

    public KeepingSla(Tickets tickets, SlaClocks clocks, SlaClock clock, ReadingSla reading, ReminderSchedule schedule,
                      SlaNotices notices, Turns turns, Clock time) {
        this.turns = turns;
        this.tickets = tickets;
        this.clocks = clocks;
        this.clock = clock;
        this.schedule = schedule;
        this.notices = notices;
        this.time = time;
        this.reading = reading;
    }

    private String turnOf(long ticketKey) {
        return TURNS[(int) Math.floorMod(ticketKey, (long) TURNS.length)];
    }

    /** Recomputes the tickets whose clocks are out of date; returns how many. */
    public int recomputeDirty(int limit) {
        List<Long> dirty = clocks.dirty(limit);
        dirty.forEach(this::recompute);
        return dirty.size();
    }

    @Override
    public void recompute(long ticketKey) {
        turns.inTurn(turnOf(ticketKey), () -> {
            recomputeLocked(ticketKey);
            return null;
        });
    }

    private void recomputeLocked(long ticketKey) {
        Optional<Ticket> found = tickets.byKey(ticketKey);
        if (found.isEmpty()) {
            return;
        }
        Ticket ticket = found.get();
        Instant now = time.instant();
        Map<SlaGoal, GoalClock> stored = clocks.of(ticketKey);
        if (ticket.slaStartedAt() != null && ticket.priority() != null) {
            List<Pause> pauses = clocks.pauses(ticketKey);
            for (SlaGoal goal : SlaGoal.values()) {
                GoalClock before = stored.getOrDefault(goal, GoalClock.fresh(goal, ticket.priority()));
                GoalClock after = computed(ticket, goal, before, pauses, now);
                reschedule(ticket, pauses, before, after, now);
                if (!after.equals(before)) {
                    clocks.save(ticketKey, after);
                }
                if (after.isDone() && !before.isDone() && goal == SlaGoal.TAKE_IN && after.budget() != null) {
                    tickets.append(ticketKey, new TimelineEntry(now, "sla", null, goal.words() + " "
                            + (after.met() ? "met" : "breached") + " (" + BusinessDurations.words(clock.consumed(
                            ticket.slaStartedAt(), pauses, after.doneAt())) + " of "
                            + BusinessDurations.words(after.budget()) + ")"));
                }
            }
        }
        clocks.markComputed(ticketKey);
    }

    private GoalClock computed(Ticket ticket, SlaGoal goal, GoalClock before, List<Pause> pauses, Instant now) {
        Priority priority = ticket.priority();
        Instant start = ticket.slaStartedAt();
        Integer lastPosted = priority == before.priority() ? before.lastPosted() : null;
        Duration budget = clock.budget(clock.policy().target(goal, priority), start).orElse(null);
        // A ticket resolved or closed ends both goals, even one never taken in: nothing more is due. So does a
        // report linked to an incident: the incident's clocks are the ones that count.
        Instant ended = ticket.hasEnded() ? (ticket.resolvedAt() != null ? ticket.resolvedAt() : now)
                : ticket.isRelatedReport() ? now : null;
        Instant doneAt = before.isDone() ? before.doneAt()
                : goal == SlaGoal.TAKE_IN && ticket.takenAt() != null ? ticket.takenAt() : ended;
        if (doneAt != null) {
            Boolean met = budget == null ? Boolean.TRUE
                    : clock.whenConsumed(start, budget, pauses, now).map(d -> !doneAt.isAfter(d)).orElse(true);
            Instant taken = doneAt.isBefore(start) ? start : doneAt;
            return new GoalClock(goal, priority, budget, null, taken, before.isDone() ? before.met() : met, null,
                    lastPosted);
        }
        if (budget == null) {
            return new GoalClock(goal, priority, null, null, null, null, null, lastPosted);
        }
        Instant due = clock.whenConsumed(start, budget, pauses, now).orElse(null);
        Integer next = null;
        for (int threshold : clock.policy().thresholds()) {
            if (lastPosted == null || threshold < lastPosted) {
                next = threshold;
                break;
            }
        }
        Integer pending = next != null && clock.whenLeft(start, budget, next, pauses, now).isPresent() ? next : null;
        return new GoalClock(goal, priority, budget, due, null, null, pending, lastPosted);
    }

    /** Moves the goal's scheduled reminder to match its new state; an unchanged state keeps its schedule. */
    private void reschedule(Ticket ticket, List<Pause> pauses, GoalClock before, GoalClock after, Instant now) {
        if (before.pendingThreshold() != null && !before.pendingThreshold().equals(after.pendingThreshold())) {
            schedule.cancel(ticket.key(), before.goal(), before.pendingThreshold());
        }
        if (after.pendingThreshold() != null && !after.equals(before)) {
            Instant at = clock.whenLeft(ticket.slaStartedAt(), after.budget(), after.pendingThreshold(), pauses, now)
                    .orElseThrow();
            schedule.schedule(ticket.key(), after.goal(), after.pendingThreshold(), at.isBefore(now) ? now : at);
        }
    }

    /** A scheduled reminder's time has come. */
    public void remind(long ticketKey, SlaGoal goal, int threshold) {
        turns.inTurn(turnOf(ticketKey), () -> {
            remindLocked(ticketKey, goal, threshold);
            return null;
        });
    }

    private void remindLocked(long ticketKey, SlaGoal goal, int threshold) {
        Optional<Ticket> found = tickets.byKey(ticketKey);
        if (found.isEmpty()) {
            return;
        }
        Ticket ticket = found.get();
        GoalClock stored = clocks.of(ticketKey).get(goal);
        if (stored == null || stored.isDone() || !Integer.valueOf(threshold).equals(stored.pendingThreshold())
                || ticket.priority() != stored.priority() || ticket.hasEnded() || ticket.isRelatedReport()) {
            recompute(ticketKey);
            return;
        }
        Instant now = time.instant();
        List<Pause> pauses = clocks.pauses(ticketKey);
        Duration consumed = clock.consumed(ticket.slaStartedAt(), pauses, now);
        List<Integer> open = new ArrayList<>();
        for (int t : clock.policy().thresholds()) {
            if (stored.lastPosted() == null || t < stored.lastPosted()) {
                open.add(t);
            }
        }
        int crossed = clock.mostRecentCrossed(stored.budget(), consumed, open);
        if (crossed < 0) {
            recompute(ticketKey);
            return;
        }
        SlaClocks.ReminderClaim claim = clocks.claimReminder(ticketKey, goal, stored.priority(), crossed, now);
        if (claim == SlaClocks.ReminderClaim.HELD) {
            // Its holder may die before it records the post: this timed task fails, so it is tried again later.
            throw new ReminderHeldElsewhere(ticket.id() + ": its " + goal.words() + " reminder at " + crossed
                    + "% is being posted by another worker; it is looked at again in a while");
        }
        if (claim != SlaClocks.ReminderClaim.POSTED) {
            GoalStatus status = reading.status(ticket, stored, pauses, now);
            String ts;
            try {
                ts = notices.remind(ticket, goal, status, crossed, claim == SlaClocks.ReminderClaim.IN_DOUBT);
            } catch (RuntimeException e) {
                // Slack may have it all the same (no answer, a 5xx): the retry looks in the thread first.
                clocks.reminderInDoubt(ticketKey, goal, stored.priority(), crossed);
                throw e;
            }
            clocks.reminderPosted(ticketKey, goal, stored.priority(), crossed, ts);
            if (crossed == 0) {
                tickets.append(ticketKey, new TimelineEntry(now, "sla", null, goal.words() + " breached"));
                notices.breached(ticket, goal, status);
            }
            notices.refreshCard(ticket);
        }
        clocks.save(ticketKey, new GoalClock(goal, stored.priority(), stored.budget(), stored.dueAt(), null, null,
                null, crossed));
        recompute(ticketKey);
    }

}
