package app.pompier.ticket;

/**
 * Decides, before a new ticket's first answer, whether it is a report of an incident already known (a related
 * report, answered with one reply naming the incident) or a ticket of its own (answered with its card).
 */
public interface ReportTriage {

    /** Decides the ticket (and any earlier one still undecided) once; returns it as decided. */
    Ticket triage(Ticket ticket);

    /**
     * Decides the ticket soon, off the caller's thread and ahead of its first answer, which waits for its channel's
     * pace: what is learnt of it (a report of a known incident) can reach its reporter by other ways meanwhile.
     */
    default void triageSoon(Ticket ticket) {
    }

    /** Every report is a ticket of its own. */
    ReportTriage NONE = ticket -> ticket;
}
