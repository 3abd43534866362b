package app.pompier.ops;

import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.Ticket;

/** What the operations calendar tells people: collisions, the maintenance a ticket ran into, what it drew. */
public interface OpsNotices {

    /** Tells {@code to} (an owner, or the operations channel) of a collision, with where to move the maintenance. */
    void collision(String to, CollisionWarning warning);

    /** In a new ticket's thread: the component it names is under planned maintenance until the occurrence ends. */
    void underMaintenance(Ticket ticket, MaintenanceWindow window, Occurrence occurrence);

    /** To a maintenance's owner, once it is over: how many tickets named its component while it ran. */
    ChatAnswer<Void> maintenanceDrew(MaintenanceWindow window, OpsPlans.Hits hits);
}
