package app.pompier;

import app.pompier.crisis.OpeningCrisisCell;
import app.pompier.ops.AnnouncingCollisions;
import app.pompier.outage.KeepingOutageBoards;
import app.pompier.outage.TellingRelatedReporters;
import app.pompier.ops.AnsweringDuringMaintenance;
import app.pompier.sla.KeepingSla;
import app.pompier.ticket.PostingCards;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TurnUnavailable;
import app.pompier.ticket.Turns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The periodic catching up with what a crash or an outage left behind, each at its own pace: cards and news for
 * related reporters due, SLA
 * clocks out of date, confirmed P1s without a cell and cells waiting to open (often); collisions to announce
 * ahead and maintenance counts to tell (every minute); delivery ids Slack no longer retries (now and then).
 */
final class Sweeps {
    private static final Logger log = LoggerFactory.getLogger(Sweeps.class);
    /** Slack stops retrying an event within minutes; its id is kept a day. */
    private static final Duration KEEP_DELIVERIES = Duration.ofDays(1);

    private final PostingCards cards;
    private final TellingRelatedReporters relatedReporters;
    private final KeepingOutageBoards boards;
    private final KeepingSla sla;
    private final OpeningCrisisCell cells;
    private final AnnouncingCollisions collisions;
    private final AnsweringDuringMaintenance maintenances;
    private final Tickets tickets;
    private final Turns turns;
    private final Clock clock;

    Sweeps(PostingCards cards, TellingRelatedReporters relatedReporters, KeepingOutageBoards boards, KeepingSla sla, OpeningCrisisCell cells, AnnouncingCollisions collisions,
           AnsweringDuringMaintenance maintenances, Tickets tickets, Turns turns, Clock clock) {
        this.turns = turns;
        this.cards = cards;
        this.relatedReporters = relatedReporters;
        this.boards = boards;
        this.sla = sla;
        this.cells = cells;
        this.collisions = collisions;
        this.maintenances = maintenances;
        this.tickets = tickets;
        this.clock = clock;
    }

    void start(ScheduledExecutorService sweeper, Pompier.Tuning tuning) {
        every(sweeper, tuning.sweepEvery(), "what is due", () -> {
            cards.sweep(500);
            relatedReporters.catchUp();
            // Boards left owed by a crash or a restart; while reports pour in, the boards draw themselves.
            boards.drawSoon();
            sla.recomputeDirty(200);
            cells.requestMissing(50);
            cells.openSoon();
        });
        // A maintenance's count is read, posted, then marked told: one replica at a time, or two would tell it twice.
        every(sweeper, tuning.announceEvery(), "the operations calendar", () -> turns.ifFree("the operations calendar",
                turn -> {
                    collisions.announceUpcoming(turn);
                    maintenances.reportHits(turn);
                }));
        every(sweeper, tuning.forgetDeliveriesEvery(), "old delivery ids",
                () -> tickets.forgetDeliveriesBefore(clock.instant().minus(KEEP_DELIVERIES)));
    }

    private static void every(ScheduledExecutorService sweeper, Duration period, String what, Runnable sweep) {
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweep.run();
            } catch (ClaimLost | TurnUnavailable e) {
                // Another replica holds that work now, or it is busy: not a failure of this one.
                log.warn("sweeping {}: {}; next time in {} ms", what, e.getMessage(), period.toMillis());
            } catch (RuntimeException e) {
                log.error("sweeping {} failed; next time in {} ms", what, period.toMillis(), e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
