package app.pompier.slack;

import java.util.List;

/**
 * What a card shows besides the ticket itself.
 *
 * @param missing what a needs-info report lacks
 * @param sla     one line per SLA goal, already in words
 */
public record CardDetails(List<String> missing, List<String> sla) {
    public static final CardDetails NONE = new CardDetails(List.of(), List.of());
}
