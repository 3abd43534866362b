package app.pompier.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The tickets Pompier keeps. Exactly-once intake is the store's promise, enforced by its constraints. */
public interface Tickets {

    /**
     * Records a ticket for the request's message unless that message (or this very delivery) is known,
     * giving it the next number of its workspace, all in one transaction.
     */
    Registration register(IntakeRequest request, String prefix, Instant now);

    Optional<Ticket> byKey(long key);

    Optional<Ticket> byId(String workspace, TicketId id);

    Optional<Ticket> bySource(SourceMessage source);

    /** The id of the ticket with this key, as people read it; "another ticket" when it is gone. */
    default String idOf(long key) {
        return byKey(key).map(t -> t.id().toString()).orElse("another ticket");
    }

    List<TimelineEntry> timeline(long key);

    void append(long key, TimelineEntry entry);

    /** A card due, and the channel it goes to. */
    record CardDue(long key, String channel) {
    }

    /** Tickets whose card is due to be posted (or retried) by {@code now}, oldest first. */
    List<CardDue> cardsDue(Instant now, int limit);

    /**
     * Takes the posting of a ticket's card for this process until {@code leaseUntil} and returns which
     * attempt this is (1 for the first); 0 when another worker holds it or it is not due. A crash mid-way
     * lets the lease run out and the card be tried again.
     */
    int claimCard(long key, Instant now, Instant leaseUntil);

    /** Fills what the intake event did not carry (a reaction has no text): author, text, thread. */
    void completeSource(long key, String reporter, String text, String threadTs);

    /**
     * The card is in the thread. Recorded only under the claim that posted it ({@code attempt} of this replica):
     * false, recording nothing, when another replica took the card over meanwhile.
     */
    boolean cardPosted(long key, int attempt, String cardTs, String permalink, Instant now);

    /**
     * A related report's first answer, the reply naming the incident {@code incident}, is in the thread: nothing
     * more is due there (no card), unless it was unlinked or linked elsewhere meanwhile. Recorded only under the
     * claim that posted it, as {@link #cardPosted} is.
     */
    boolean relatedReplyPosted(long key, int attempt, String ts, long incident, Instant now);

    /**
     * Gives the claim ({@code attempt} of this replica) back without counting it: nothing was posted under it (its
     * claim lapsed before a post, its turn could not be had). Due again at {@code at}; a claim another replica took
     * over meanwhile is left as it is.
     */
    void releaseCard(long key, int attempt, Instant at);

    /**
     * The card could not be posted: try again at {@code retryAt}, or never if it is null. Recorded only under the
     * claim that tried, as {@link #cardPosted} is.
     */
    boolean cardFailed(long key, int attempt, String error, Instant retryAt, Instant now);

    /**
     * Gives the ticket to {@code assignee} and moves it to {@code to}, with the entry in the timeline, if it
     * is still in state {@code from} and, with {@code onlyIfUnassigned}, still nobody's; empty otherwise.
     */
    Optional<Ticket> giveTo(long key, TicketState from, boolean onlyIfUnassigned, String assignee, TicketState to,
                            Instant takenAt, TimelineEntry entry);

    /**
     * Moves a ticket from {@code from} to {@code to}, with what that does to its wait on the reporter and the
     * entry in the timeline; empty when it was no longer in {@code from}.
     *
     * @param resolvedAt when it was resolved, kept as it was when null
     */
    Optional<Ticket> changeState(long key, TicketState from, TicketState to, Instant resolvedAt, ReporterWait wait,
                                 TimelineEntry entry);

    /**
     * Sets the priority that counts and its reason, with the entry in the timeline; {@code confirmed} when a
     * lead (or the reporter accepting a downgrade) decided it, or the policy gave it.
     */
    Optional<Ticket> setPriority(long key, Priority priority, boolean confirmed, String reason, TimelineEntry entry);

    /** Open tickets of a workspace by priority (P1 first), then the nearest SLA deadline, then age. */
    java.util.List<Ticket> queue(String workspace, int limit);

    /** Sets what kind of problem the ticket is (functional, database, ...), with the entry in the timeline. */
    void setCategory(long key, Category category, TimelineEntry entry);

    /**
     * Makes every card claimed or waiting for a retry due now. Called at start: the one process on a
     * SQLite file holds no claim then, so claims left by a crash need not wait for their lease to run out.
     */
    int releaseCardClaims(Instant now);

    /** Forget delivery ids older than {@code before}: Slack stops retrying after minutes. */
    int forgetDeliveriesBefore(Instant before);
}
