package app.pompier.ticket;

import java.time.Instant;

/** One line of a ticket's history: what happened, when, who did it, and why or how. */
public record TimelineEntry(Instant at, String kind, String actor, String detail) {
    public static final String CREATED = "created";
    public static final String CARD_POSTED = "card_posted";
    public static final String CARD_FAILED = "card_failed";
    public static final String RELATED_REPLY_POSTED = "related_reply";
    public static final String RELATED = "related";
    public static final String RELATED_REPORT = "related_report";
}
