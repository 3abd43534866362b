package app.pompier.outage;

import app.pompier.ticket.Ticket;
import app.pompier.ticket.TimelineEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which reports are related to which incident, and the news each related reporter is still owed. The store
 * keeps each decision once: a retried event, a second worker or a restart finds it made.
 */
public interface RelatedReports {

    /** Reports whose first answer is not decided yet, with a key above {@code after} up to {@code upTo}, oldest first. */
    List<Ticket> undecided(long after, long upTo, int limit);

    /**
     * What a new report may describe: the {@code limit} newest tickets of the workspace not ended created since
     * {@code since}, and the open P1s and P2s whatever their age; newest first.
     */
    List<Ticket> candidates(String workspace, Instant since, int limit);

    /**
     * Records intake's decision for a report not decided yet: related to {@code incident}, or a ticket of its own
     * when it is null. False when it was decided already (another worker, an earlier attempt), or when the incident
     * is no longer an open incident of its own (resolved, or related to another meanwhile).
     *
     * @param onIncident the line the incident's timeline gets; null for a ticket of its own
     */
    boolean decide(long key, Long incident, Instant at, TimelineEntry onReport, TimelineEntry onIncident);

    /**
     * Makes a ticket a related report of {@code incident}; the reports related to it follow it there. Empty when
     * it already was, or the incident is no longer an open incident of its own.
     */
    Optional<Ticket> link(long key, long incident, TimelineEntry onReport, TimelineEntry onIncident);

    /**
     * Makes a related report a ticket of its own: its card becomes due if it has none; what was still to tell
     * its reporter about the incident is dropped. Empty when it was not related.
     */
    Optional<Ticket> unlink(long key, Instant now, TimelineEntry onReport, TimelineEntry onIncident);

    /** The ts of that reply, once posted. */
    Optional<String> replyOf(long key);

    /** The reports related to an incident that are not closed, oldest first. */
    List<Ticket> reportsOf(long incident);

    /** How many people reported an incident (its own reporter included), and in which channels. */
    Reporters reportersOf(long incident);

    /**
     * Owes every related reporter of {@code incident} this news (not closed ones; with {@code openOnly}, not
     * resolved ones either). News still unposted for a thread is replaced: the reporter gets the latest.
     *
     * @return how many reporters are owed it
     */
    int owe(long incident, ReporterNews news, boolean openOnly, Instant now);

    /** Threads owed news by {@code now}, oldest first. */
    List<Owed> owedBy(Instant now, int limit);

    /**
     * Takes the posting of the news owed in one thread until {@code leaseUntil}; empty when it is not due or
     * another worker holds it.
     */
    Optional<ReporterNews.Pending> claimNews(long report, Instant now, Instant leaseUntil);

    /**
     * That version was posted; a newer one queued meanwhile stays owed. Recorded only under the claim that posted it
     * ({@code attempt} of this replica): false, recording nothing, when another replica took the news over.
     */
    boolean newsPosted(long report, int version, int attempt, String ts, Instant at);

    /**
     * Gives the claim ({@code attempt} of this replica) back without counting it: nothing was posted under it. Due
     * again at {@code at}; a claim another replica took over meanwhile is left as it is.
     */
    void releaseNews(long report, int attempt, Instant at);

    /** The message that carried the last news recorded in a report's thread, if any. */
    Optional<String> newsTs(long report);

    /**
     * That version was not posted: tried again at {@code retryAt}, or never if it is null; a newer version queued
     * meanwhile is due at once. Recorded only under the claim that tried, as {@link #newsPosted} is.
     */
    boolean newsFailed(long report, int version, int attempt, String error, Instant retryAt, Instant now);

    /**
     * The incident has ended: every related report still open is resolved and owed the resolution, both at once.
     *
     * @return how many reports were resolved
     */
    int resolveWith(Ticket incident, Instant now);

    /** Incidents that have ended while related reports of theirs are still open: a crash came in between. */
    List<Long> endedWithOpenReports(int limit);

    /**
     * Makes every news claimed or waiting for a retry due now. Called at start: the one process on the store holds
     * no claim then; each is looked for in its thread before being posted again.
     */
    int releaseNewsClaims(Instant now);

    /**
     * Records that a cluster was proposed to the leads as a probable P1, once per incident: false when it was
     * already.
     */
    boolean proposeProbableP1(long incident, int reports, Instant at);

    /** The proposal could not be posted: forget it, so that the next report proposes it again. */
    void withdrawProbableP1(long incident);

    /** Where a news is owed: the report's key and its channel. */
    record Owed(long report, String channel) {
    }
}
