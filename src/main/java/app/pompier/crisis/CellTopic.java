package app.pompier.crisis;

import app.pompier.sla.GoalStatus;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;

import java.util.List;

/**
 * What a cell's topic says at a glance: the ticket and its priority (a downgraded P1 keeps its cell and says
 * so), each SLA goal, the state, the commander (null: still to name), and how many people reported it.
 */
public record CellTopic(TicketId ticket, Priority priority, List<GoalStatus> goals, TicketState state,
                        String commander, int reporters) {
    public CellTopic {
        goals = List.copyOf(goals);
    }

    public static CellTopic of(Ticket ticket, List<GoalStatus> goals, String commander) {
        return of(ticket, goals, commander, 1);
    }

    public static CellTopic of(Ticket ticket, List<GoalStatus> goals, String commander, int reporters) {
        return new CellTopic(ticket.id(), ticket.priority(), goals, ticket.state(), commander, reporters);
    }

    public boolean downgraded() {
        return priority != Priority.P1;
    }
}
