package app.pompier.ticket;

/**
 * Each ticket's card in the chat, in the thread of the message it was made from, and what goes with it: the
 * message read when the intake carried no text (a reaction), the mark on the message, what the person who
 * asked is told when the card cannot be posted or the message already is a ticket.
 */
public interface TicketCards {

    /** What the source message says, for an intake that did not carry it. */
    record Source(String author, String text, String threadTs) {
    }

    /**
     * A card in its thread, and the link to the reported message.
     *
     * @param found whether it was found there (posted by an earlier attempt) rather than posted now
     */
    record Posted(String ts, String permalink, boolean found) {
    }

    ChatAnswer<Source> readSource(Ticket ticket);

    /**
     * Posts the ticket's card in its thread. With {@code mayBeThere} (an earlier attempt was cut by a crash or
     * lost its answer) the thread is looked at first and a card found there is given back instead.
     */
    ChatAnswer<Posted> post(Ticket ticket, boolean mayBeThere);

    /**
     * Posts, in a related report's thread, the reply that names the incident it looks like, with what the reporter
     * can do if it is something else. With {@code mayBeThere} the thread is looked at first.
     */
    ChatAnswer<Posted> postRelated(Ticket report, Ticket incident, boolean mayBeThere);

    /**
     * Deletes a card or reply this replica posted after it had lost the claim on it: the one the claim's holder
     * recorded stands for it, and the thread shows one. A failure is logged.
     */
    void withdraw(Ticket ticket, String ts);

    /**
     * Leaves in the ticket's thread only the first answer at {@code ts} (its card, or a related report's reply):
     * after a claim taken over, a replica that lost it may have posted a copy the new holder did not find. A failure
     * is logged.
     */
    void keepOnly(Ticket ticket, String ts);

    /** Redraws a posted card after a change; a failure is logged, the next change draws it again. */
    void redraw(Ticket ticket);

    /** Marks the reported message as a ticket (the :ticket: reaction). */
    void mark(Ticket ticket);

    /** The card will never be posted: the person who asked for the ticket is told why and what to do. */
    void tellCardFailed(Ticket ticket, String why);

    /** Someone asked for a ticket on a message that already is one: they are told which, only them. */
    void tellAlreadyOpen(Ticket ticket, String user, String channel);
}
