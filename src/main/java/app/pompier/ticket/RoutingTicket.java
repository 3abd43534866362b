package app.pompier.ticket;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A qualified ticket nobody has yet goes to its category's team, to the next member in turn: a rotation per
 * team that skips nobody, and moves on atomically, so two tickets routed at once go to two people. The member
 * is told in the ticket's thread. A lead's {@code assign} overrides it.
 */
public final class RoutingTicket {
    private static final System.Logger log = System.getLogger(RoutingTicket.class.getName());
    private static final int MAX_TRIES = 20;

    private final Tickets tickets;
    private final Rotations rotations;
    private final SupportRoles roles;
    private final TicketNotices notices;
    private final Clock clock;

    public RoutingTicket(Tickets tickets, Rotations rotations, SupportRoles roles, TicketNotices notices, Clock clock) {
        this.tickets = tickets;
        this.rotations = rotations;
        this.roles = roles;
        this.notices = notices;
        this.clock = clock;
    }

    public void route(Ticket ticket) {
        Optional<String> team = roles.teamOf(ticket.category());
        if (team.isEmpty() || ticket.assignee() != null || ticket.state() != TicketState.QUALIFIED) {
            return;
        }
        List<String> members = roles.membersOf(team.get());
        if (members.isEmpty()) {
            log.log(System.Logger.Level.WARNING, "ticket {0}: the {1} team has no member to route it to",
                    ticket.id(), ticket.category());
            return;
        }
        String next = nextOf(team.get(), members);
        TakingTicket.giveTo(tickets, ticket, next, null, clock.instant())
                .ifPresent(routed -> notices.routed(routed, next));
    }

    /** The member after the one given a ticket last; someone who left the team is skipped. */
    String nextOf(String team, List<String> members) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Optional<String> last = rotations.lastGiven(team);
            String next = members.get((last.map(members::indexOf).orElse(-1) + 1) % members.size());
            if (rotations.moveOn(team, last.orElse(null), next)) {
                return next;
            }
        }
        throw new IllegalStateException("the rotation of team " + team + " kept moving while routing; try again");
    }
}
