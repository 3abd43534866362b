package app.pompier.crisis;

import app.pompier.ticket.Turn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The crisis cells as an opener holding its {@link Turn} writes them: every write is recorded only while the turn is
 * still this replica's, so that an opener that froze mid-opening and lost its turn records nothing when it wakes.
 */
final class FencedCrisisCells implements CrisisCells {
    private final CrisisCells cells;
    private final Turn turn;

    FencedCrisisCells(CrisisCells cells, Turn turn) {
        this.cells = cells;
        this.turn = turn;
    }

    @Override
    public boolean request(long ticketKey, String commander, Instant now) {
        return turn.record(() -> cells.request(ticketKey, commander, now));
    }

    @Override
    public Optional<CrisisCell> byId(long cellId) {
        return cells.byId(cellId);
    }

    @Override
    public Optional<CrisisCell> ofTicket(long ticketKey) {
        return cells.ofTicket(ticketKey);
    }

    @Override
    public List<Opening> opening(int limit) {
        return cells.opening(limit);
    }

    @Override
    public List<Long> confirmedP1sWithoutCell(int limit) {
        return cells.confirmedP1sWithoutCell(limit);
    }

    @Override
    public void channelCreated(long cellId, String channelId, String channelName, Instant now) {
        turn.record(() -> cells.channelCreated(cellId, channelId, channelName, now));
    }

    @Override
    public void summaryPosted(long cellId, String ts, Instant now) {
        turn.record(() -> cells.summaryPosted(cellId, ts, now));
    }

    @Override
    public void stepDone(long cellId, CrisisStep step, String detail, Instant now) {
        turn.record(() -> cells.stepDone(cellId, step, detail, now));
    }

    @Override
    public void stepFailed(long cellId, CrisisStep step, String reason, Instant now) {
        turn.record(() -> cells.stepFailed(cellId, step, reason, now));
    }

    @Override
    public void retryLater(long cellId, Instant at, String reason) {
        turn.record(() -> cells.retryLater(cellId, at, reason));
    }

    @Override
    public void opened(long cellId, Instant now) {
        turn.record(() -> cells.opened(cellId, now));
    }

    @Override
    public void failed(long cellId, String reason, Instant now) {
        turn.record(() -> cells.failed(cellId, reason, now));
    }

    @Override
    public void statusPosted(long cellId, Instant now) {
        turn.record(() -> cells.statusPosted(cellId, now));
    }

    @Override
    public boolean askForStatus(long cellId, Instant now, Instant notSince) {
        return turn.record(() -> cells.askForStatus(cellId, now, notSince));
    }

    @Override
    public void statusNotAsked(long cellId, Instant at) {
        turn.record(() -> cells.statusNotAsked(cellId, at));
    }

    @Override
    public void commander(long cellId, String user) {
        turn.record(() -> cells.commander(cellId, user));
    }

    @Override
    public void archived(long cellId, Instant now) {
        turn.record(() -> cells.archived(cellId, now));
    }
}
