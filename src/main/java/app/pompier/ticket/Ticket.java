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
 * @param relatedTo the key of the incident this report is related to (a report of the same outage); null for a
 *                  ticket of its own
 * @param groupedAt when intake decided whether it is related to an incident; null until then
 * @param relatedReplyTs the ts of the reply that named its incident to a related report's reporter; null before
 */
public record Ticket(long key, TicketId id, SourceMessage source, String reporter, String text, String permalink,
                     OpenedVia via, String openedBy, Instant createdAt, TicketState state, Priority priority,
                     String cardTs, Priority claimedPriority, Priority qualifiedPriority, boolean priorityConfirmed,
                     String priorityReason, int qualificationRevision, String assignee, Instant takenAt,
                     Instant slaStartedAt, Instant resolvedAt, String category, Long relatedTo,
                     Instant groupedAt, String relatedReplyTs) {

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

    /** A report of an incident someone else reported first: it is answered by the incident, not on its own. */
    public boolean isRelatedReport() {
        return relatedTo != null;
    }

    public boolean sourceKnown() {
        return text != null;
    }
}
