package app.pompier.slack;

import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * A qualified ticket nobody has yet goes to its category's team, to the next member in turn (a rotation per
 * team that skips nobody), who is told in the ticket's thread. A lead's {@code assign} overrides it.
 */
public final class Routing {
    private static final Logger log = LoggerFactory.getLogger(Routing.class);

    private final Tickets tickets;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final Clock clock;

    public Routing(Tickets tickets, SupportRoles roles, SlackGateway slack, Clock clock) {
        this.tickets = tickets;
        this.roles = roles;
        this.slack = slack;
        this.clock = clock;
    }

    public void route(Ticket t) {
        String team = roles.teamOf(t.category());
        if (team == null || t.assignee() != null || t.state() != TicketState.QUALIFIED) {
            return;
        }
        List<String> members = roles.membersOf(team);
        if (members.isEmpty()) {
            log.warn("ticket {}: the {} team has no member to route it to", t.id(), t.category());
            return;
        }
        String next = tickets.nextInRotation(team, members);
        tickets.assign(t.key(), next, null, clock.instant()).ifPresent(assigned -> {
            try {
                slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(t.source().channel())
                        .threadTs(t.source().answerThread()).text(TicketCard.person(next) + ", *" + t.id()
                                + "* (" + t.category().replace('_', ' ') + ") is yours, by rotation.")));
            } catch (SlackUnavailableException e) {
                log.warn("ticket {}: routed to {}, who could not be told: {}", t.id(), next, e.getMessage());
            }
        });
    }
}
