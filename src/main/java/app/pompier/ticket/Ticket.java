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
 */
public record Ticket(long key, TicketId id, SourceMessage source, String reporter, String text, String permalink,
                     OpenedVia via, String openedBy, Instant createdAt, TicketState state, Priority priority,
                     String cardTs) {

    public Optional<Priority> knownPriority() {
        return Optional.ofNullable(priority);
    }

    public boolean hasCard() {
        return cardTs != null;
    }

    public boolean sourceKnown() {
        return text != null;
    }
}
