package app.pompier.ticket;

/** What the people of a ticket are told in its thread when it moves. */
public interface TicketNotices {

    /** The rotation gave the ticket to {@code member} of its category's team. */
    void routed(Ticket ticket, String member);

    /** A lead gave the ticket to {@code assignee}. */
    void assigned(Ticket ticket, String assignee, String by);

    /** The ticket is resolved: its reporter is thanked and told how to say it is back. */
    void resolved(Ticket ticket);
}
