package app.pompier.ticket;

/** What became of a request for a ticket. */
public sealed interface Registration {

    /** A new ticket. */
    record Opened(Ticket ticket) implements Registration {
    }

    /** The message already is a ticket; a person asking again is told which. */
    record AlreadyOpen(Ticket ticket) implements Registration {
    }

    /** Slack delivered the same event again (a retry); nothing to do, nothing to say. */
    record DuplicateDelivery() implements Registration {
    }
}
