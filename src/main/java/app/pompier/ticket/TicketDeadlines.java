package app.pompier.ticket;

/** The SLA clocks of a ticket, which a change may move: recomputed after it, reminders rescheduled. */
public interface TicketDeadlines {
    void recompute(long ticketKey);
}
