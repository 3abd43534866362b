package app.pompier.ticket;

/** A confirmed P1 goes to a crisis cell, which follows what becomes of its ticket. */
public interface TicketEscalation {

    /** Asks for the ticket's cell if it is a confirmed P1 and has none; in the order changes arrive. */
    void requestCellIfConfirmedP1(long ticketKey);

    /** The ticket changed ({@code before} is the state it had): its cell, if any, follows. */
    void changed(Ticket ticket, TicketState before);
}
