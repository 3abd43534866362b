package app.pompier.ticket.slack;

import app.pompier.leads.slack.AppHome;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketCards;
import app.pompier.ticket.TicketViews;

/** {@link TicketViews} in Slack: the card in the ticket's thread, and the Home tab of those it concerns. */
public final class SlackTicketViews implements TicketViews {
    private final TicketCards cards;
    private final AppHome home;

    public SlackTicketViews(TicketCards cards, AppHome home) {
        this.cards = cards;
        this.home = home;
    }

    @Override
    public void changed(Ticket ticket) {
        cards.redraw(ticket);
        home.changed(ticket);
    }
}
