package app.pompier.testing;

import app.pompier.store.Database;
import app.pompier.store.DurableTimers;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Open P1 tickets written straight into a store, each with its card posted and its 50 % take-in reminder
 * scheduled (30 min into a 1 h budget, with an always-open calendar), so that many reminders fall due when
 * wanted without opening tickets one by one through Slack.
 */
public final class SeededReminders {
    private SeededReminders() {
    }

    /**
     * Seeds tickets 1..{@code tickets}: the first {@code due} have their reminder due one after the other over
     * {@code window} from {@code firstDue}, the others hours later. {@code dueAt} receives each ticket's time.
     */
    public static void seed(Database database, String channel, int tickets, int due, Duration window,
                            Instant firstDue, Map<Long, Instant> dueAt) {
        List<SchedulableInstance<?>> tasks = new ArrayList<>();
        database.jdbi().useTransaction(h -> {
            PreparedBatch ticket = h.prepareBatch("""
                    INSERT INTO ticket (id, workspace, number, reference, channel, message_ts, reporter, report_text,
                                        opened_via, opened_by, created_at, state, priority, qualified_priority,
                                        priority_confirmed, priority_reason, qualification_revision, sla_started_at,
                                        card_ts)
                    VALUES (:id, :team, :id, 'INC-' || :id, :channel, :ts, 'UREPORTER', 'seeded', 'mention',
                            'UREPORTER', :started, 'qualified', 'P1', 'P1', 1, 'seeded', 1, :started, :ts)
                    """);
            PreparedBatch clock = h.prepareBatch("""
                    INSERT INTO sla_clock (ticket_id, goal, priority, budget_ms, due_at, pending_threshold)
                    VALUES (:id, 'take_in', 'P1', 3600000, :deadline, 50)
                    """);
            for (long id = 1; id <= tickets; id++) {
                Instant reminder = id <= due
                        ? firstDue.plusMillis((long) ((id - 1) * ((double) window.toMillis() / due)))
                        : firstDue.plus(window).plusSeconds(600 + (id % 36_000));
                dueAt.put(id, reminder);
                Instant started = reminder.minus(Duration.ofMinutes(30));
                ticket.bind("id", id).bind("team", FakeSlack.TEAM).bind("channel", channel)
                        .bind("ts", "1800000000." + String.format("%06d", id))
                        .bind("started", started.toEpochMilli()).add();
                clock.bind("id", id).bind("deadline", started.plus(Duration.ofHours(1)).toEpochMilli()).add();
                tasks.add(SchedulableInstance.of(TaskDescriptor.of("sla-reminder").instance(id + ":take_in:50").build(),
                        reminder));
            }
            ticket.execute();
            clock.execute();
            h.execute("INSERT INTO ticket_sequence (workspace, last_number) VALUES (?, ?)", FakeSlack.TEAM, tickets);
            if (database.dialect() == Database.Dialect.POSTGRESQL) {
                // Ids were given: the identity column's sequence moves past them, for the tickets opened later.
                h.execute("SELECT setval(pg_get_serial_sequence('ticket', 'id'), ?)", tickets);
            }
        });
        SchedulerClient client = SchedulerClient.Builder.create(database.dataSource())
                .jdbcCustomization(DurableTimers.customization(database.dialect())).build();
        for (int i = 0; i < tasks.size(); i += 5_000) {
            client.scheduleBatch(tasks.subList(i, Math.min(tasks.size(), i + 5_000)));
        }
    }
}
