package app.pompier.slack;

import app.pompier.sla.KeepingSla;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;

/**
 * What follows any change of a ticket, in one place and in order, after the Slack request was acked: a
 * qualified ticket is routed to its team, the SLA clocks are recomputed, a confirmed P1 gets its crisis cell, the card and the cell's topic are redrawn,
 * and a resolution or a closing is told.
 */
public final class TicketFollowUps {
    private static final Logger log = LoggerFactory.getLogger(TicketFollowUps.class);

    private final Tickets tickets;
    private final KeepingSla sla;
    private final CrisisChannels crisis;
    private final TicketCards cards;
    private final ExecutorService followUps;
    private final AppHome home;
    private final Routing routing;

    public TicketFollowUps(Tickets tickets, KeepingSla sla, CrisisChannels crisis, TicketCards cards, AppHome home,
                           Routing routing, ExecutorService followUps) {
        this.home = home;
        this.routing = routing;
        this.tickets = tickets;
        this.sla = sla;
        this.crisis = crisis;
        this.cards = cards;
        this.followUps = followUps;
    }

    /** Runs the follow-ups of a change off the request thread; {@code before} is the state before it. */
    public void changed(long ticketKey, TicketState before) {
        crisis.requestSoon(ticketKey);
        followUps.execute(() -> {
            try {
                routing.route(tickets.byKey(ticketKey).orElseThrow());
                sla.recompute(ticketKey);
                Ticket ticket = tickets.byKey(ticketKey).orElseThrow();
                cards.refresh(ticket);
                crisis.refreshTopic(ticket);
                if (ticket.state() == TicketState.RESOLVED && before != TicketState.RESOLVED) {
                    crisis.resolved(ticket);
                }
                if (ticket.state() == TicketState.CLOSED && before != TicketState.CLOSED) {
                    crisis.closed(ticket);
                }
                home.changed(ticket);
            } catch (SlackUnavailableException e) {
                log.warn("ticket {}: changed, but Slack could not be told everything: {}", ticketKey, e.getMessage());
            } catch (RuntimeException e) {
                log.error("ticket {}: follow-ups of a change failed", ticketKey, e);
            }
        });
    }
}
