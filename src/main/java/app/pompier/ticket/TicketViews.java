package app.pompier.ticket;

/** Where people see a ticket (its card, their home page): redrawn after each change. */
public interface TicketViews {
    void changed(Ticket ticket);
}
