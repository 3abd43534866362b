package app.pompier.ops;

import java.time.Duration;
import java.time.LocalDateTime;

/** A planned unavailability of a component: from {@code start} (team's local time) for {@code length}. */
public record MaintenanceWindow(long id, String component, LocalDateTime start, Duration length, Recurrence recurrence,
                                String unavailable, String owner) {
}
