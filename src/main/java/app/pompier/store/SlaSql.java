package app.pompier.store;

import app.pompier.sla.GoalClock;
import app.pompier.sla.Pause;
import app.pompier.sla.SlaClocks;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Every SQL statement on SLA clocks, waits and posted reminders. */
@RegisterRowMapper(SlaRowMappers.GoalClockMapper.class)
@RegisterRowMapper(SlaRowMappers.PauseMapper.class)
@RegisterRowMapper(SlaRowMappers.DueMapper.class)
interface SlaSql {

    @SqlQuery("""
            SELECT goal, priority, budget_ms, due_at, done_at, met, pending_threshold, last_posted
              FROM sla_clock WHERE ticket_id = :ticketId
            """)
    List<GoalClock> clocks(@Bind("ticketId") long ticketId);

    @SqlUpdate("""
            INSERT INTO sla_clock (ticket_id, goal, priority, budget_ms, due_at, done_at, met, pending_threshold,
                                   last_posted)
            VALUES (:ticketId, :goal, :priority, :budgetMs, :dueAt, :doneAt, :met, :pending, :lastPosted)
            ON CONFLICT (ticket_id, goal) DO UPDATE SET
                priority = excluded.priority, budget_ms = excluded.budget_ms, due_at = excluded.due_at,
                done_at = excluded.done_at, met = excluded.met, pending_threshold = excluded.pending_threshold,
                last_posted = excluded.last_posted
            """)
    void save(@Bind("ticketId") long ticketId, @Bind("goal") String goal, @Bind("priority") String priority,
              @Bind("budgetMs") Long budgetMs, @Bind("dueAt") Long dueAt, @Bind("doneAt") Long doneAt,
              @Bind("met") Integer met, @Bind("pending") Integer pending, @Bind("lastPosted") Integer lastPosted);

    @SqlQuery("SELECT started_at, ended_at FROM ticket_wait WHERE ticket_id = :ticketId ORDER BY started_at, id")
    List<Pause> pauses(@Bind("ticketId") long ticketId);

    @SqlQuery("SELECT id FROM ticket WHERE sla_dirty = 1 ORDER BY id LIMIT :limit")
    List<Long> dirty(@Bind("limit") int limit);

    @SqlUpdate("UPDATE ticket SET sla_dirty = 0 WHERE id = :ticketId")
    void markComputed(@Bind("ticketId") long ticketId);

    /** The attempt this claim is; empty when the reminder is posted or another live claim holds it. */
    @SqlQuery("""
            INSERT INTO sla_reminder (ticket_id, goal, priority, threshold, status, at, claimed_by, attempts)
            VALUES (:ticketId, :goal, :priority, :threshold, 'posting', :now, :owner, 1)
            ON CONFLICT (ticket_id, goal, priority, threshold) DO UPDATE SET at = excluded.at,
                                                                            claimed_by = excluded.claimed_by,
                                                                            attempts = sla_reminder.attempts + 1
             WHERE sla_reminder.status = 'posting'
               AND (sla_reminder.at < :staleBefore OR sla_reminder.claimed_by IN """
            + ReplicaHeartbeat.DEAD_REPLICAS + """
            )
            RETURNING attempts
            """)
    Optional<Integer> claimReminder(@Bind("ticketId") long ticketId, @Bind("goal") String goal,
                                    @Bind("priority") String priority, @Bind("threshold") int threshold,
                                    @Bind("now") long now, @Bind("staleBefore") long staleBefore,
                                    @Bind("owner") String owner);

    /** The claim a reminder's outcome is recorded under: the replica and attempt that posted it hold it still. */
    String REMINDER_CLAIM_HELD = " AND status = 'posting' AND claimed_by = :owner AND attempts = :attempt";

    /** Whether someone claimed this reminder and has not posted it yet (or crashed doing so). */
    @SqlQuery("""
            SELECT COUNT(*) FROM sla_reminder
             WHERE ticket_id = :ticketId AND goal = :goal AND priority = :priority AND threshold = :threshold
               AND status = 'posting'
            """)
    int claimsBeingPosted(@Bind("ticketId") long ticketId, @Bind("goal") String goal,
                          @Bind("priority") String priority, @Bind("threshold") int threshold);

    /** A claim dated 0 is stale at once: the next attempt takes it over. */
    @SqlUpdate("""
            UPDATE sla_reminder SET at = 0
             WHERE ticket_id = :ticketId AND goal = :goal AND priority = :priority AND threshold = :threshold
            """ + REMINDER_CLAIM_HELD)
    int reminderInDoubt(@Bind("ticketId") long ticketId, @Bind("goal") String goal,
                        @Bind("priority") String priority, @Bind("threshold") int threshold,
                        @Bind("owner") String owner, @Bind("attempt") int attempt);

    /** This replica's claims (its last run's): another replica's claim stays its own until it goes stale. */
    @SqlUpdate("UPDATE sla_reminder SET at = 0 WHERE status = 'posting' AND (claimed_by = :owner OR claimed_by IS NULL)")
    int doubtReminderClaims(@Bind("owner") String owner);

    @SqlUpdate("""
            UPDATE sla_reminder SET status = 'posted', message_ts = :messageTs
             WHERE ticket_id = :ticketId AND goal = :goal AND priority = :priority AND threshold = :threshold
            """ + REMINDER_CLAIM_HELD)
    int reminderPosted(@Bind("ticketId") long ticketId, @Bind("goal") String goal,
                       @Bind("priority") String priority, @Bind("threshold") int threshold,
                       @Bind("messageTs") String messageTs, @Bind("owner") String owner,
                       @Bind("attempt") int attempt);

    @SqlQuery("""
            SELECT message_ts FROM sla_reminder
             WHERE ticket_id = :ticketId AND goal = :goal AND priority = :priority AND threshold = :threshold
               AND status = 'posted' AND message_ts IS NOT NULL
            """)
    Optional<String> reminderTs(@Bind("ticketId") long ticketId, @Bind("goal") String goal,
                                @Bind("priority") String priority, @Bind("threshold") int threshold);

    @SqlQuery("""
            SELECT ticket_id, goal, priority, due_at FROM sla_clock
             WHERE due_at IS NOT NULL AND done_at IS NULL AND due_at <= :until
             ORDER BY priority, due_at
             LIMIT :limit
            """)
    List<SlaClocks.Due> dueBefore(@Bind("until") long until, @Bind("limit") int limit);
}
