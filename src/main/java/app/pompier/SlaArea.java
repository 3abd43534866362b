package app.pompier;

import app.pompier.crisis.RunningCrisisCell;
import app.pompier.sla.KeepingSla;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.sla.slack.SlaCommand;
import app.pompier.sla.slack.SlaReminders;
import app.pompier.sla.slack.SlaWords;
import app.pompier.store.SlaClocksDatabaseRepository;
import app.pompier.ticket.TicketCards;
import com.slack.api.bolt.App;

/**
 * The SLA's piece of the composition root, in two steps: how it is counted and read comes first (cards, cells and the
 * App Home show it); what keeps it and posts its reminders comes once cards and cells exist.
 *
 * @param counting business hours and holidays, the team's targets
 */
record SlaArea(SlaClocksDatabaseRepository clocks, SlaClock counting, ReadingSla reading, SlaWords words) {

    static SlaArea wire(Shared s) {
        SlaClocksDatabaseRepository clocks = new SlaClocksDatabaseRepository(s.database().jdbi(),
                s.config().instance());
        SlaClock counting = new SlaClock(s.team().calendar(), s.team().sla());
        return new SlaArea(clocks, counting, new ReadingSla(clocks, counting, s.clock()), new SlaWords(s.languages()));
    }

    /** Keeps every ticket's SLA; its reminders go to the ticket's thread, its cell, and the leads past a breach. */
    KeepingSla keeping(Shared s, TicketCards cards, RunningCrisisCell crisis) {
        return new KeepingSla(s.tickets(), clocks, counting, reading, s.timers(),
                new SlaReminders(s.gateway(), s.thread(), s.leadsChannel(), words, cards, s.tickets(), crisis,
                        s.metrics(), s.languages(), s.workspace().leadChannelId()), s.turns(), s.claims(), s.clock());
    }

    /** {@code /sla}. */
    void listen(App bolt, Shared s) {
        new SlaCommand(reading, s.tickets(), words, s.languages()).register(bolt);
    }
}
