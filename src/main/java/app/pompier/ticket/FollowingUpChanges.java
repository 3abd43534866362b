package app.pompier.ticket;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * What follows any change of a ticket, in one place and in order, off the request that made it: a confirmed P1
 * gets its crisis cell (on the cells' own thread, in the order changes arrive); a qualified ticket is routed to
 * its team; the SLA clocks are recomputed; the card and the home pages are redrawn; a resolution is told to the
 * reporter, and to the reporters of its related reports; the crisis cell follows. Each follow-up fails alone: a redraw Slack refused does not cost the
 * reporter their news. What a crash cuts short, the sweeps catch (SLA clocks marked in the same transaction as
 * the change, P1s without a cell).
 */
public final class FollowingUpChanges {
    private static final System.Logger log = System.getLogger(FollowingUpChanges.class.getName());

    private final Tickets tickets;
    private final RoutingTicket routing;
    private final TicketDeadlines deadlines;
    private final TicketEscalation escalation;
    private final TicketNotices notices;
    private final TicketViews views;
    private final Executor executor;
    private volatile IncidentFollowers followers = IncidentFollowers.NONE;

    public FollowingUpChanges(Tickets tickets, RoutingTicket routing, TicketDeadlines deadlines,
                              TicketEscalation escalation, TicketNotices notices, TicketViews views,
                              Executor executor) {
        this.tickets = tickets;
        this.routing = routing;
        this.deadlines = deadlines;
        this.escalation = escalation;
        this.notices = notices;
        this.views = views;
        this.executor = executor;
    }

    /**
     * Who else follows an incident: the reporters of its related reports, told by the mass-outage side, which
     * itself follows changes up through this class (so it is given here, once, after both are built).
     */
    public void followedBy(IncidentFollowers followers) {
        this.followers = followers;
    }

    /** The ticket changed; {@code before} is the state it had before the change. */
    public void changed(long ticketKey, TicketState before) {
        escalation.requestCellIfConfirmedP1(ticketKey);
        try {
            executor.execute(() -> followUp(ticketKey, before));
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.DEBUG, "shutting down: ticket {0} is followed up by the next sweeps",
                    ticketKey);
        }
    }

    private void followUp(long ticketKey, TicketState before) {
        step(ticketKey, "routing", () -> tickets.byKey(ticketKey).ifPresent(routing::route));
        step(ticketKey, "recomputing the SLA", () -> deadlines.recompute(ticketKey));
        Ticket ticket = tickets.byKey(ticketKey).orElse(null);
        if (ticket == null) {
            return;
        }
        step(ticketKey, "redrawing", () -> views.changed(ticket));
        if (ticket.state() == TicketState.RESOLVED && before != TicketState.RESOLVED) {
            step(ticketKey, "telling the reporter", () -> notices.resolved(ticket));
        }
        step(ticketKey, "telling the related reporters", () -> followers.changed(ticket, before));
        step(ticketKey, "following up in its crisis cell", () -> escalation.changed(ticket, before));
    }

    private static void step(long ticketKey, String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "ticket " + ticketKey + ": " + what + " after a change failed", e);
        }
    }
}
