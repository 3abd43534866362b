package app.pompier.ticket;

/**
 * Someone (or a watched channel) asks for a ticket on a message.
 *
 * @param reporter    who wrote the message, the person with the problem; null when not known yet
 * @param text        what they wrote, as plain text; null when not known yet (a reaction carries no text)
 * @param requestedBy who asked for the ticket: the author, or the person who used the shortcut or reaction
 * @param deliveryId  Slack's id for this delivery (event_id), so a retried delivery is recognised; may be null
 */
public record IntakeRequest(SourceMessage source, String reporter, String text, OpenedVia via,
                            String requestedBy, String deliveryId) {
}
