package app.pompier.sla;

import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Ticket;

/** How people hear of their SLA: a reminder in the ticket's thread, the leads told of a breach. */
public interface SlaNotices {

    /**
     * Posts a countdown reminder (or the breach, at threshold 0) and returns its message id. When
     * {@code mayBePosted} (an earlier attempt was cut by a crash or lost its answer), the ticket's thread is
     * read first and the reminder found there is not posted again.
     *
     * @throws RuntimeException when it could not be posted, or may have been; the reminder is then tried again
     */
    ChatPost remind(Ticket ticket, SlaGoal goal, GoalStatus status, int threshold, boolean mayBePosted);

    /**
     * Deletes a reminder this replica posted after it had lost the claim on it: the holder's stands for it. A
     * failure is logged.
     */
    void withdraw(Ticket ticket, String ts);

    /** Tells the leads that a goal was breached. */
    void breached(Ticket ticket, SlaGoal goal, GoalStatus status);

    /** Redraws the ticket's card (deadline and time left). */
    void refreshCard(Ticket ticket);
}
