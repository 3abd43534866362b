package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.crisis.StatusCadence;
import app.pompier.qualification.ProposalReminders;
import app.pompier.sla.ReminderHeldElsewhere;
import app.pompier.sla.ReminderSchedule;
import app.pompier.sla.SlaGoal;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.TurnUnavailable;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.SqliteJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pompier's timed work as db-scheduler tasks in the same database: SLA reminders and crisis status checks
 * survive restarts and crashes, one instance runs each, and a poll costs what is due. Each threshold of
 * each goal is its own task instance ({@code 42:take_in:25}), so a firing reminder can schedule the next
 * one freely; a cell's status check is {@code cell-7}, moved each time it is rescheduled.
 *
 * <p>Each job runs under a claim that holds while this replica stays alive to the others (see {@link Claims}): the
 * executions of a replica silent for 20 s are revived and run by another, so one that froze calls Slack for none of
 * them when it wakes.
 */
public final class DurableTimers implements ReminderSchedule, StatusCadence, ProposalReminders, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);
    static final TaskDescriptor<Void> REMINDER = TaskDescriptor.of("sla-reminder");
    static final TaskDescriptor<Void> STATUS_CHECK = TaskDescriptor.of("crisis-status");
    static final TaskDescriptor<Void> DOWNGRADE_REMINDER = TaskDescriptor.of("downgrade-reminder");
    /** A reminder a few seconds late is the poll; minutes late is a scheduler that cannot keep up. */
    /** How soon a reminder another worker holds is looked at again: that worker's death is known within 20 s. */
    private static final Duration HELD_RETRY = Duration.ofSeconds(10);
    private static final Duration[] LATENESS_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10)};

    /** What to do when a reminder falls due. */
    @FunctionalInterface
    public interface Handler {
        void remind(long ticketKey, SlaGoal goal, int threshold);
    }

    /** What to do when a cell's status check falls due. */
    @FunctionalInterface
    public interface StatusHandler {
        void check(long cellId);
    }

    private final SchedulerClient client;
    private final DataSource dataSource;
    private final Database.Dialect dialect;
    private final String owner;
    private volatile Scheduler scheduler;
    private volatile Clock clock;
    private final MeterRegistry metrics;
    private final Claims claims;

    public DurableTimers(Database database, String owner) {
        this(database, owner, new SimpleMeterRegistry(), Claims.alone());
    }

    /**
     * Each timed job's lateness (how long after its time it ran) and outcome are reported to {@code metrics}.
     *
     * @param owner  the replica's name, which db-scheduler marks the executions it runs with
     * @param claims what each job runs under
     */
    public DurableTimers(Database database, String owner, MeterRegistry metrics, Claims claims) {
        this.claims = claims;
        this.metrics = metrics;
        this.dataSource = database.dataSource();
        this.dialect = database.dialect();
        this.owner = owner;
        this.client = SchedulerClient.Builder.create(dataSource).jdbcCustomization(customization(dialect)).build();
    }

    /** How db-scheduler speaks to the store's SQL. */
    public static JdbcCustomization customization(Database.Dialect dialect) {
        return dialect == Database.Dialect.POSTGRESQL ? new PostgreSqlJdbcCustomization(false, true)
                : new SqliteJdbcCustomization();
    }

    /** Starts running due reminders with {@code handler}, polling every {@code pollEvery}. */
    public void start(Handler handler, StatusHandler statusHandler, java.util.function.LongConsumer downgradeHandler,
                      Clock clock, Duration pollEvery, int threads) {
        this.clock = clock;
        FailureHandler<Void> backoff = new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2.0);
        OneTimeTask<Void> task = Tasks.oneTime(REMINDER)
                .onFailure((complete, operations) -> {
                    if (complete.getCause().filter(DurableTimers::elsewhere).isPresent()) {
                        // Not a failure: looked at again soon, without the backoff of one.
                        operations.reschedule(complete, complete.getTimeDone().plus(HELD_RETRY));
                    } else {
                        backoff.onFailure(complete, operations);
                    }
                })
                .execute((instance, context) -> measured("sla_reminder", context, () -> {
                    String[] parts = instance.getId().split(":");
                    handler.remind(Long.parseLong(parts[0]), SlaGoal.fromCode(parts[1]), Integer.parseInt(parts[2]));
                }));
        OneTimeTask<Void> statusTask = Tasks.oneTime(STATUS_CHECK)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2.0))
                .execute((instance, context) -> measured("crisis_status", context,
                        () -> statusHandler.check(Long.parseLong(instance.getId().substring(5)))));
        OneTimeTask<Void> downgradeTask = Tasks.oneTime(DOWNGRADE_REMINDER)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(30), 2.0))
                .execute((instance, context) -> measured("downgrade_reminder", context,
                        () -> downgradeHandler.accept(Long.parseLong(instance.getId().substring(9)))));
        var builder = Scheduler.create(dataSource, task, statusTask, downgradeTask)
                .jdbcCustomization(customization(dialect))
                .schedulerName(new SchedulerName.Fixed(owner))
                .clock(clock::instant)
                .pollingInterval(pollEvery)
                .heartbeatInterval(Duration.ofSeconds(5))
                .missedHeartbeatsLimit(4)
                .threads(threads)
                .shutdownMaxWait(Duration.ofSeconds(5));
        if (dialect == Database.Dialect.POSTGRESQL) {
            // Replicas poll the same table: each locks what it takes in the select (SKIP LOCKED), instead of
            // fetching what another replica is about to take and losing the race to pick it.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        scheduler = builder.build();
        scheduler.start();
    }

    /** Not a failure: the work is another worker's now, or in its turn; looked at again soon. */
    private static boolean elsewhere(Throwable cause) {
        return cause instanceof ReminderHeldElsewhere || cause instanceof TurnUnavailable || cause instanceof ClaimLost;
    }

    /** Runs one timed job, recording how late it ran and whether it succeeded (a failure is retried). */
    private void measured(String kind, ExecutionContext context, Runnable job) {
        Duration late = Duration.between(context.getExecution().executionTime, clock.instant());
        Timer.builder("pompier_timed_job_lateness")
                .description("How long after its due time a timed job (reminder, status check) ran")
                .tag("kind", kind)
                .serviceLevelObjectives(LATENESS_BUCKETS)
                .register(metrics).record(late.isNegative() ? Duration.ZERO : late);
        String outcome = "ok";
        try {
            claims.under(claims.whileAlive("the timed job " + context.getExecution().taskInstance), job);
        } catch (ReminderHeldElsewhere | TurnUnavailable | ClaimLost e) {
            outcome = "held_elsewhere";
            log.debug("{}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            outcome = "failed";
            throw e;
        } finally {
            metrics.counter("pompier_timed_jobs", "kind", kind, "outcome", outcome).increment();
        }
    }

    /**
     * An execution this replica's name still holds at start was cut by its last run's crash. Freed now, it runs at
     * once, instead of after db-scheduler finds it dead (4 missed heartbeats, 20 s). Another replica's executions
     * are left to db-scheduler's dead-execution detection: they may well be running.
     */
    public int releaseExecutionsLeftByCrash() {
        try (var connection = dataSource.getConnection();
             var update = connection.prepareStatement("UPDATE scheduled_tasks SET picked = ?, picked_by = NULL,"
                     + " last_heartbeat = NULL, version = version + 1 WHERE picked = ? AND picked_by = ?")) {
            update.setBoolean(1, false);
            update.setBoolean(2, true);
            update.setString(3, owner);
            return update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new StoreUnavailableException("cannot release the timed tasks left by the last run: "
                    + e.getMessage(), e);
        }
    }

    static String id(long ticketKey, SlaGoal goal, int threshold) {
        return ticketKey + ":" + goal.code() + ":" + threshold;
    }

    @Override
    public void schedule(long ticketKey, SlaGoal goal, int threshold, Instant at) {
        schedule(REMINDER, id(ticketKey, goal, threshold), at);
    }

    @Override
    public void checkAt(long cellId, Instant at) {
        schedule(STATUS_CHECK, "cell-" + cellId, at);
    }

    @Override
    public void remindAt(long proposalId, Instant at) {
        schedule(DOWNGRADE_REMINDER, "proposal-" + proposalId, at);
    }

    private void schedule(TaskDescriptor<Void> task, String id, Instant at) {
        try {
            client.schedule(task.instance(id).build(), at, SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            // Already due (a breach after a re-prioritisation, a slow handler): run it without waiting a poll.
            // The clock is read after the insert, so a poll that ran before it cannot leave it waiting.
            Scheduler running = scheduler;
            if (running != null && !at.isAfter(clock.instant())) {
                running.triggerCheckForDueExecutions();
            }
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // It is firing now: when it ends it recomputes the ticket and schedules what follows.
            log.debug("{} {} is running; not moved", task.getTaskName(), id);
        }
    }

    @Override
    public void cancel(long ticketKey, SlaGoal goal, int threshold) {
        try {
            client.cancel(TaskInstanceId.of(REMINDER.getTaskName(), id(ticketKey, goal, threshold)));
        } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
            // Already fired, or firing: its handler sees the ticket's new state and posts nothing stale.
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
