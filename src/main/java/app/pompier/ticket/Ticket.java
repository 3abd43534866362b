package app.pompier.ticket;

import java.time.Instant;
import java.util.Optional;

/**
 * A support ticket as stored.
 *
 * @param key      the store's own key, stable and never shown
 * @param reporter who wrote the source message; null until known (reaction intake fetches it)
 * @param text     the report as plain text (Slack entities decoded); null until known
 * @param cardTs   the ts of Pompier's card in the thread, null until posted
 * @param priority the priority that counts: the qualified one, or the reporter's claim when higher
 * @param priorityConfirmed false while a reporter's claim stands above what the policy gives
 * @param qualificationRevision how many qualifications were recorded; a dialog opened on an older
 *                              revision is stale
 * @param slaStartedAt when the report became complete and the SLA clock started; null before
 */
public record Ticket(long key, TicketId id, SourceMessage source, String reporter, String text, String permalink,
                     OpenedVia via, String openedBy, Instant createdAt, TicketState state, Priority priority,
                     String cardTs, Priority claimedPriority, Priority qualifiedPriority, boolean priorityConfirmed,
                     String priorityReason, int qualificationRevision, String assignee, Instant takenAt,
                     Instant slaStartedAt, Instant resolvedAt, String category) {

    public Optional<Priority> knownPriority() {
        return Optional.ofNullable(priority);
    }

    public boolean hasCard() {
        return cardTs != null;
    }

    /** A P1 that opens a crisis cell: the policy gave it, or a lead confirmed the reporter's claim. */
    public boolean isConfirmedP1() {
        return priority == Priority.P1 && priorityConfirmed;
    }

    /** Resolved or closed: nothing more is due. */
    public boolean hasEnded() {
        return state.hasEnded();
    }

    public boolean sourceKnown() {
        return text != null;
    }
}
