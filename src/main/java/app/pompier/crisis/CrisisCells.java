package app.pompier.crisis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The crisis cells kept: at most one per ticket, held by the store's constraint. */
public interface CrisisCells {

    /** Records that a ticket needs a cell; true when this call created the request. */
    boolean request(long ticketKey, String commander, Instant now);

    Optional<CrisisCell> byId(long cellId);

    Optional<CrisisCell> ofTicket(long ticketKey);

    /** A cell still opening, and when it may be tried next. */
    record Opening(long cellId, Instant nextTryAt) {
    }

    /** Cells still opening, in order of arrival (when the report became complete, then the ticket's number). */
    List<Opening> opening(int limit);

    /** Confirmed P1s, not ended, that have no cell yet (a crash between the change and the request). */
    List<Long> confirmedP1sWithoutCell(int limit);

    void channelCreated(long cellId, String channelId, String channelName, Instant now);

    void summaryPosted(long cellId, String ts, Instant now);

    void stepDone(long cellId, CrisisStep step, String detail, Instant now);

    /** A step that cannot succeed: recorded with Slack's reason, the opening goes on without it. */
    void stepFailed(long cellId, CrisisStep step, String reason, Instant now);

    /** Slack was unavailable: the opening resumes at {@code at}. */
    void retryLater(long cellId, Instant at, String reason);

    void opened(long cellId, Instant now);

    /** The channel could not be created at all; the ticket's thread is told. */
    void failed(long cellId, String reason, Instant now);

    void statusPosted(long cellId, Instant now);

    /**
     * Claims asking the cell for a status update now, unless it was asked since {@code notSince}: a status check run
     * twice at once (by two replicas) asks once.
     */
    boolean askForStatus(long cellId, Instant now, Instant notSince);

    /** The ask claimed at {@code at} could not be posted: the next check asks again. */
    void statusNotAsked(long cellId, Instant at);

    void commander(long cellId, String user);

    void archived(long cellId, Instant now);
}
