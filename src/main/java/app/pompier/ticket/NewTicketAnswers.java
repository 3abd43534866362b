package app.pompier.ticket;

/** What a new ticket is answered at once besides its card: that the component it names is under maintenance. */
public interface NewTicketAnswers {
    void answer(Ticket ticket);
}
