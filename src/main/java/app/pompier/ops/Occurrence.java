package app.pompier.ops;

import java.time.Instant;

/** One occurrence of a window or an operation, [start, end). */
public record Occurrence(Instant start, Instant end) {
    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && from.isBefore(end);
    }
}
