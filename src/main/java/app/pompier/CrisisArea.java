package app.pompier;

import app.pompier.crisis.OpeningCrisisCell;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.crisis.slack.CellMessages;
import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.crisis.slack.SlackCellChannel;
import app.pompier.store.CrisisCellsDatabaseRepository;
import app.pompier.ticket.slack.StateChanges;
import com.slack.api.bolt.App;

import java.util.concurrent.ExecutorService;

/** The crisis cell's piece of the composition root: a channel opened for every P1, and what runs in it. */
record CrisisArea(OpeningCrisisCell opening, RunningCrisisCell running) {

    /** @param opener the one thread that opens cells, so that a storm of P1s gets its channels in order of arrival */
    static CrisisArea wire(Shared s, SlaArea sla, OutageArea outage, ExecutorService opener) {
        CrisisCellsDatabaseRepository cells = new CrisisCellsDatabaseRepository(s.database().jdbi());
        SlackCellChannel channel = new SlackCellChannel(s.gateway(), s.thread(), new CellMessages(sla.words()),
                s.languages(), s.workspace().botUserId());
        OpeningCrisisCell opening = new OpeningCrisisCell(cells, s.tickets(), channel, s.roles(), s.team().crisis(),
                sla.reading(), s.qualifications(), s.timers(), s.clock(), opener, s.turns(), s.claims());
        return new CrisisArea(opening, new RunningCrisisCell(cells, s.tickets(), channel, opening, s.team().crisis(),
                sla.reading(), sla.counting(), s.qualifications(), s.timers(), s.workspace().stakeholderChannelId(),
                outage.reporters(), s.clock()));
    }

    /** The cell's buttons and dialogs: commander, point de situation, resolution, review. */
    void listen(App bolt, Shared s, StateChanges states) {
        new CrisisListeners(running, states, s.roles(), s.gateway(), s.answers(), s.clock(), s.followUps(),
                s.languages()).register(bolt);
    }
}
