package app.pompier.ops;

import app.pompier.ticket.Turn;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.NewTicketAnswers;
import app.pompier.ticket.Ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A new ticket that names a component under planned maintenance gets an immediate answer naming the maintenance
 * and its end (it is still handled as usual); the maintenance's owner learns afterwards how many came.
 */
public final class AnsweringDuringMaintenance implements NewTicketAnswers {
    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final OpsNotices notices;
    private final Clock clock;

    public AnsweringDuringMaintenance(OpsPlans plans, OpsCalendar calendar, Components components, OpsNotices notices,
                                      Clock clock) {
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public void answer(Ticket ticket) {
        Set<String> named = components.mentionedIn(ticket.text());
        if (named.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (MaintenanceWindow w : plans.windows()) {
            if (!named.contains(w.component())) {
                continue;
            }
            Optional<Occurrence> ongoing = calendar.underMaintenance(w, now);
            if (ongoing.isPresent()) {
                plans.hit(w.id(), ongoing.get(), ticket.key());
                notices.underMaintenance(ticket, w, ongoing.get());
                return;
            }
        }
    }

    /**
     * Tells each owner of a maintenance now over how many tickets named it, once; what the chat cannot take now waits.
     * In the calendar's {@code turn}, which records each count told.
     */
    public void reportHits(Turn turn) {
        for (OpsPlans.Hits hits : plans.hitsToReport(clock.instant())) {
            plans.windows().stream().filter(w -> w.id() == hits.windowId()).findFirst().ifPresent(w -> {
                if (!(notices.maintenanceDrew(w, hits) instanceof ChatAnswer.RetryLater)) {
                    turn.record(() -> plans.reported(hits.windowId(), hits.occurrenceStart()));
                }
            });
        }
    }
}
