package app.pompier.store;

import app.pompier.sla.GoalClock;
import app.pompier.sla.Pause;
import app.pompier.sla.SlaClocks;
import app.pompier.sla.SlaGoal;
import app.pompier.ticket.Priority;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SlaClocks} in the SQL database. */
public final class SlaClocksDatabaseRepository implements SlaClocks {
    private final Jdbi jdbi;
    private final String owner;

    /** @param owner the replica whose claims these are (see {@code POMPIER_INSTANCE}) */
    public SlaClocksDatabaseRepository(Jdbi jdbi, String owner) {
        this.jdbi = jdbi;
        this.owner = owner;
    }

    @Override
    public Map<SlaGoal, GoalClock> of(long ticketKey) {
        Map<SlaGoal, GoalClock> clocks = new EnumMap<>(SlaGoal.class);
        jdbi.withExtension(SlaSql.class, sql -> sql.clocks(ticketKey)).forEach(c -> clocks.put(c.goal(), c));
        return clocks;
    }

    @Override
    public void save(long ticketKey, GoalClock c) {
        jdbi.useExtension(SlaSql.class, sql -> sql.save(ticketKey, c.goal().code(), c.priority().name(),
                c.budget() == null ? null : c.budget().toMillis(), millis(c.dueAt()), millis(c.doneAt()),
                c.met() == null ? null : (c.met() ? 1 : 0), c.pendingThreshold(), c.lastPosted()));
    }

    @Override
    public List<Pause> pauses(long ticketKey) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.pauses(ticketKey));
    }

    @Override
    public List<Long> dirty(int limit) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.dirty(limit));
    }

    @Override
    public void markComputed(long ticketKey) {
        jdbi.useExtension(SlaSql.class, sql -> sql.markComputed(ticketKey));
    }

    @Override
    public ReminderHold claimReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold, Instant now) {
        return jdbi.inTransaction(handle -> {
            SlaSql sql = handle.attach(SlaSql.class);
            boolean claimedBefore = sql.claimsBeingPosted(ticketKey, goal.code(), priority.name(), threshold) > 0;
            Optional<Integer> taken = sql.claimReminder(ticketKey, goal.code(), priority.name(), threshold,
                    now.toEpochMilli(), now.minus(REMINDER_LEASE).toEpochMilli(), owner);
            if (taken.isPresent()) {
                return new ReminderHold(claimedBefore ? ReminderClaim.IN_DOUBT : ReminderClaim.CLAIMED, taken.get());
            }
            return new ReminderHold(sql.claimsBeingPosted(ticketKey, goal.code(), priority.name(), threshold) > 0
                    ? ReminderClaim.HELD : ReminderClaim.POSTED, 0);
        });
    }

    @Override
    public boolean reminderInDoubt(long ticketKey, SlaGoal goal, Priority priority, int threshold, int attempt) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.reminderInDoubt(ticketKey, goal.code(), priority.name(),
                threshold, owner, attempt)) > 0;
    }

    @Override
    public int doubtReminderClaims() {
        return jdbi.withExtension(SlaSql.class, sql -> sql.doubtReminderClaims(owner));
    }

    @Override
    public boolean reminderPosted(long ticketKey, SlaGoal goal, Priority priority, int threshold, int attempt,
                                  String messageTs) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.reminderPosted(ticketKey, goal.code(), priority.name(),
                threshold, messageTs, owner, attempt)) > 0;
    }

    @Override
    public Optional<String> reminderTs(long ticketKey, SlaGoal goal, Priority priority, int threshold) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.reminderTs(ticketKey, goal.code(), priority.name(),
                threshold));
    }

    @Override
    public List<Due> dueBefore(Instant until, int limit) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.dueBefore(until.toEpochMilli(), limit));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
