package app.pompier.sla;

import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;

import java.util.Optional;

/** How people hear of their SLA: a reminder in the ticket's thread, the leads told of a breach. */
public interface SlaNotices {

    /**
     * Posts a countdown reminder (or the breach, at threshold 0) and returns its message id.
     *
     * @throws RuntimeException when it could not be posted; the reminder is then tried again
     */
    String remind(Ticket ticket, SlaGoal goal, GoalStatus status, int threshold);

    /**
     * Looks in the ticket's thread for this very reminder, posted by an attempt whose outcome is unknown;
     * its message id when Slack has it.
     *
     * @throws RuntimeException when the thread cannot be read now; the reminder is then tried again
     */
    Optional<String> findReminder(Ticket ticket, SlaGoal goal, Priority priority, int threshold);

    /** Tells the leads that a goal was breached. */
    void breached(Ticket ticket, SlaGoal goal, GoalStatus status);

    /** Redraws the ticket's card (deadline and time left). */
    void refreshCard(Ticket ticket);
}
