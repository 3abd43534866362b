package app.pompier.ops;

import java.time.Instant;

/** A maintenance of a component overlapping an operation that depends on it, arrival tail included. */
public record Collision(MaintenanceWindow window, Occurrence maintenance, BusinessOperation operation,
                        Occurrence operationWithTail, Instant overlapStart, Instant overlapEnd) {
    /** Identifies this collision occurrence, so that it is announced again only once. */
    public String key() {
        return window.id() + ":" + operation.id() + ":" + maintenance.start().toEpochMilli() + ":"
                + operationWithTail.start().toEpochMilli();
    }
}
