package app.pompier.ops;

import java.time.Instant;
import java.util.List;

/** The maintenance windows and business operations declared, and what was said about them. */
public interface OpsPlans {

    MaintenanceWindow addWindow(MaintenanceWindow window, Instant now);

    BusinessOperation addOperation(BusinessOperation operation, Instant now);

    List<MaintenanceWindow> windows();

    List<BusinessOperation> operations();

    /** Records that a collision was announced ahead of time; false when it already was. */
    boolean announceOnce(String collisionKey, Instant now);

    /** A ticket that arrived during a maintenance of a component it names. */
    void hit(long windowId, Occurrence occurrence, long ticketKey);

    /** Maintenances over by {@code now} whose tickets were not told to their owner yet: window id, start, count. */
    record Hits(long windowId, Instant occurrenceStart, Instant occurrenceEnd, long tickets) {
    }

    List<Hits> hitsToReport(Instant now);

    void reported(long windowId, Instant occurrenceStart);
}
