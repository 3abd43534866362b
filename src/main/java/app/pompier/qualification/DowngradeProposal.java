package app.pompier.qualification;

import app.pompier.ticket.Priority;

import java.time.Instant;

/**
 * A lead's proposal to lower a priority the reporter claimed. Only the reporter lowers the priority they
 * chose (seed 003): they accept or refuse it.
 *
 * @param answer null while open; {@code accepted} or {@code refused}
 */
public record DowngradeProposal(long id, long ticketKey, Priority from, Priority to, String reason, String proposedBy,
                                Instant proposedAt, String answer, Instant remindedAt) {
    public boolean isOpen() {
        return answer == null;
    }
}
