package app.pompier.outage;

import java.time.Instant;
import java.util.Map;

/**
 * Who reported an incident: the distinct people, the reports, and how many came from each channel.
 *
 * @param byChannel reports per channel id, the busiest first
 * @param latest    when the latest report came; null without any
 */
public record Reporters(int people, int reports, Map<String, Integer> byChannel, Instant latest) {
    public static final Reporters NONE = new Reporters(0, 0, Map.of(), null);

    public Reporters {
        byChannel = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byChannel));
    }

    /** More than the incident's own reporter. */
    public boolean several() {
        return people > 1;
    }
}
