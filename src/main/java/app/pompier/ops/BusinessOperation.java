package app.pompier.ops;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A business operation that sends users to components (bi-monthly invoices send customers to the portal).
 *
 * @param length how long it lasts (zero for an instant, such as a send)
 * @param tail   how long after it users keep arriving (72 hours by default)
 */
public record BusinessOperation(long id, String name, LocalDateTime start, Duration length, List<String> components,
                                Duration tail, Recurrence recurrence, String owner) {
    public static final Duration DEFAULT_TAIL = Duration.ofHours(72);

    public BusinessOperation {
        components = List.copyOf(components);
    }
}
