package app.pompier.sla;

import java.time.Instant;

/** A time the ticket waited on its reporter; the SLA clock stands still. {@code until} is null while it lasts. */
public record Pause(Instant from, Instant until) {
}
