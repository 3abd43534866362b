package app.pompier;

import app.pompier.outage.RelatedReports;
import app.pompier.sla.SlaClocks;
import app.pompier.store.DurableTimers;
import app.pompier.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * What this replica's last run left half-done, picked up at start. Claims on shared work carry the name of the
 * replica holding them ({@code POMPIER_INSTANCE}), so a replica starting again knows its own: cards it was posting
 * are due again at once, reminders it was posting are in doubt (Slack may have them: the next attempt looks in the
 * thread first), and timed tasks it had picked run again at once rather than after db-scheduler's 20 s of missed
 * heartbeats. Another replica's claims stay its own: if it died, they expire and any replica takes them over.
 */
final class RecoveryAtStart {
    private static final Logger log = LoggerFactory.getLogger(RecoveryAtStart.class);

    private RecoveryAtStart() {
    }

    static void run(Tickets tickets, RelatedReports related, SlaClocks slaClocks, DurableTimers timers, Clock clock) {
        int cards = tickets.releaseCardClaims(clock.instant());
        if (cards > 0) {
            log.info("{} card(s) left half-done by this replica's last run will be posted now", cards);
        }
        int news = related.releaseNewsClaims(clock.instant());
        if (news > 0) {
            log.info("{} news for related reporters left half-done by this replica's last run will be posted now (each looked"
                    + " for in its thread first)", news);
        }
        int reminders = slaClocks.doubtReminderClaims();
        if (reminders > 0) {
            log.info("{} reminder(s) cut short by this replica's last run will be checked in Slack, then posted if missing",
                    reminders);
        }
        int tasks = timers.releaseExecutionsLeftByCrash();
        if (tasks > 0) {
            log.info("{} timed task(s) cut short by this replica's last run will run again now", tasks);
        }
    }
}
