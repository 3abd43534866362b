package app.pompier.store;

import app.pompier.sla.GoalClock;
import app.pompier.sla.Pause;
import app.pompier.sla.SlaClocks;
import app.pompier.sla.SlaGoal;
import app.pompier.ticket.Priority;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@link SlaClocks} in the SQL database. */
public final class SlaClocksDatabaseRepository implements SlaClocks {
    /** A claim older than this was left by a crash mid-post and may be taken over. */
    private static final Duration STALE_CLAIM = Duration.ofMinutes(2);
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
    public ReminderClaim claimReminder(long ticketKey, SlaGoal goal, Priority priority, int threshold, Instant now) {
        return jdbi.inTransaction(handle -> {
            SlaSql sql = handle.attach(SlaSql.class);
            boolean claimedBefore = sql.claimsBeingPosted(ticketKey, goal.code(), priority.name(), threshold) > 0;
            int taken = sql.claimReminder(ticketKey, goal.code(), priority.name(), threshold, now.toEpochMilli(),
                    now.minus(STALE_CLAIM).toEpochMilli(), owner, ReplicaHeartbeat.deadBefore(now));
            if (taken > 0) {
                return claimedBefore ? ReminderClaim.IN_DOUBT : ReminderClaim.CLAIMED;
            }
            return sql.claimsBeingPosted(ticketKey, goal.code(), priority.name(), threshold) > 0 ? ReminderClaim.HELD
                    : ReminderClaim.POSTED;
        });
    }

    @Override
    public void reminderInDoubt(long ticketKey, SlaGoal goal, Priority priority, int threshold) {
        jdbi.useExtension(SlaSql.class, sql -> sql.reminderInDoubt(ticketKey, goal.code(), priority.name(), threshold));
    }

    @Override
    public int doubtReminderClaims() {
        return jdbi.withExtension(SlaSql.class, sql -> sql.doubtReminderClaims(owner));
    }

    @Override
    public void reminderPosted(long ticketKey, SlaGoal goal, Priority priority, int threshold, String messageTs) {
        jdbi.useExtension(SlaSql.class,
                sql -> sql.reminderPosted(ticketKey, goal.code(), priority.name(), threshold, messageTs));
    }

    @Override
    public List<Due> dueBefore(Instant until, int limit) {
        return jdbi.withExtension(SlaSql.class, sql -> sql.dueBefore(until.toEpochMilli(), limit));
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
