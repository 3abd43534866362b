package app.pompier.sla;

import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Claim;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketDeadlines;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.Turns;
import app.pompier.ticket.TimelineEntry;
import app.pompier.ticket.TurnUnavailable;

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
 *
 * <p>One ticket's clocks are computed by one thread of all replicas at a time, in a turn whose writes a holder that
 * froze loses. A reminder is claimed in that turn, posted outside it (Slack may make the post wait minutes of
 * {@code Retry-After}, and nobody else must wait on that), and recorded in it again under the claim's attempt.
 */
public final class KeepingSla implements TicketDeadlines {
    private static final System.Logger log = System.getLogger(KeepingSla.class.getName());
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
    private final Claims claims;

    public KeepingSla(Tickets tickets, SlaClocks clocks, SlaClock clock, ReadingSla reading, ReminderSchedule schedule,
                      SlaNotices notices, Turns turns, Claims claims, Clock time) {
        this.turns = turns;
        this.claims = claims;
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
        for (long key : dirty) {
            try {
                recompute(key);
            } catch (TurnUnavailable e) {
                // Its turn busy for long: it stays marked, the next sweep comes back to it; the others go on.
                log.log(System.Logger.Level.WARNING, "ticket {0}: {1}", key, e.getMessage());
            }
        }
        return dirty.size();
    }

    @Override
    public void recompute(long ticketKey) {
        turns.inTurn(turnOf(ticketKey), turn -> {
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

    /** A reminder claimed to be posted: what it says, and the claims it is posted and recorded under. */
    private record Due(Ticket ticket, GoalClock stored, GoalStatus status, int crossed, SlaClocks.ReminderHold hold,
                       Claim claim) {
    }

    /**
     * A scheduled reminder's time has come: claimed in the ticket's turn, posted outside it, recorded in it.
     *
     * @throws ReminderHeldElsewhere when another live worker is posting it: it is looked at again in a while
     */
    public void remind(long ticketKey, SlaGoal goal, int threshold) {
        Optional<Due> found = turns.inTurn(turnOf(ticketKey), turn -> claimDue(ticketKey, goal, threshold));
        if (found.isEmpty()) {
            return;
        }
        Due due = found.get();
        Ticket ticket = due.ticket();
        Priority priority = due.stored().priority();
        ChatPost posted = null;
        if (due.hold().claim() != SlaClocks.ReminderClaim.POSTED) {
            try {
                posted = claims.under(due.claim(), () -> notices.remind(ticket, goal, due.status(), due.crossed(),
                        due.hold().claim() == SlaClocks.ReminderClaim.IN_DOUBT));
            } catch (ClaimLost e) {
                // The claim ran out here first (a long wait on the chat, a freeze): whoever takes it next looks in the
                // thread first. A claim another replica took over meanwhile is left as it is.
                clocks.reminderInDoubt(ticketKey, goal, priority, due.crossed(), due.hold().attempt());
                throw new ReminderHeldElsewhere(ticket.id() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // Slack may have it all the same (no answer, a 5xx): the retry looks in the thread first.
                clocks.reminderInDoubt(ticketKey, goal, priority, due.crossed(), due.hold().attempt());
                throw e;
            }
        }
        ChatPost post = posted;
        boolean recorded;
        try {
            recorded = turns.inTurn(turnOf(ticketKey), turn -> recordPosted(due, goal, post));
        } catch (RuntimeException e) {
            if (post != null) {
                // Posted but not recorded (the store busy or out of reach): the next attempt takes the claim over at
                // once and finds the post in the thread, rather than waiting for the claim to go stale.
                try {
                    clocks.reminderInDoubt(ticketKey, goal, priority, due.crossed(), due.hold().attempt());
                } catch (RuntimeException unreachable) {
                    e.addSuppressed(unreachable);
                }
            }
            throw e;
        }
        if (!recorded) {
            claims.unclaimed(() -> lostMidPost(due, goal, post));
            return;
        }
        // Recorded: what follows is this replica's to do, whatever becomes of its standing now.
        claims.unclaimed(() -> {
            if (post != null && due.crossed() == 0) {
                notices.breached(ticket, goal, due.status());
            }
            if (post != null) {
                notices.refreshCard(tickets.byKey(ticketKey).orElse(ticket));
            }
        });
    }

    /** In the ticket's turn: whether a reminder is due at all, and its claim if so. */
    private Optional<Due> claimDue(long ticketKey, SlaGoal goal, int threshold) {
        Optional<Ticket> found = tickets.byKey(ticketKey);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Ticket ticket = found.get();
        GoalClock stored = clocks.of(ticketKey).get(goal);
        if (stored == null || stored.isDone() || !Integer.valueOf(threshold).equals(stored.pendingThreshold())
                || ticket.priority() != stored.priority() || ticket.hasEnded() || ticket.isRelatedReport()) {
            recomputeLocked(ticketKey);
            return Optional.empty();
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
            recomputeLocked(ticketKey);
            return Optional.empty();
        }
        Claim claim = claims.take(ticket.id() + "'s " + goal.words() + " reminder", SlaClocks.REMINDER_LEASE);
        SlaClocks.ReminderHold hold = clocks.claimReminder(ticketKey, goal, stored.priority(), crossed, now);
        if (hold.claim() == SlaClocks.ReminderClaim.HELD) {
            // Its holder may die before it records the post: this timed task fails, so it is tried again later.
            throw new ReminderHeldElsewhere(ticket.id() + ": its " + goal.words() + " reminder at " + crossed
                    + "% is being posted by another worker; it is looked at again in a while");
        }
        return Optional.of(new Due(ticket, stored, reading.status(ticket, stored, pauses, now), crossed, hold, claim));
    }

    /**
     * In the ticket's turn: the reminder {@code posted} now (null when another worker had posted it) is recorded under
     * its claim, and the goal's next reminder scheduled. False, recording nothing, when the claim was lost meanwhile.
     */
    private boolean recordPosted(Due due, SlaGoal goal, ChatPost posted) {
        long ticketKey = due.ticket().key();
        GoalClock stored = due.stored();
        if (posted != null) {
            if (!clocks.reminderPosted(ticketKey, goal, stored.priority(), due.crossed(), due.hold().attempt(),
                    posted.ts())) {
                return false;
            }
            if (due.crossed() == 0) {
                tickets.append(ticketKey, new TimelineEntry(time.instant(), "sla", null, goal.words() + " breached"));
            }
        }
        clocks.save(ticketKey, new GoalClock(goal, stored.priority(), stored.budget(), stored.dueAt(), null, null,
                null, due.crossed()));
        recomputeLocked(ticketKey);
        return true;
    }

    /**
     * The claim was lost while the reminder was on its way: another replica holds it. What this one posted is deleted
     * once the holder recorded another (until then it may be the one the holder finds in the thread).
     */
    private void lostMidPost(Due due, SlaGoal goal, ChatPost posted) {
        Ticket ticket = due.ticket();
        Optional<String> recorded = clocks.reminderTs(ticket.key(), goal, due.stored().priority(), due.crossed());
        boolean superseded = posted != null && !posted.found() && recorded.isPresent()
                && !recorded.get().equals(posted.ts());
        log.log(System.Logger.Level.WARNING, "{0}: its {1} reminder was taken over by another replica while this one"
                + " posted it{2}", ticket.id(), goal.words(), superseded ? "; this copy is deleted" : "");
        if (superseded) {
            notices.withdraw(ticket, posted.ts());
        }
    }
}
