package app.pompier.ticket;

import java.util.Locale;

/** Where a ticket stands in support's work. */
public enum TicketState {
    NEW("New"),
    NEEDS_INFO("Needs info"),
    QUALIFIED("Qualified"),
    IN_PROGRESS("In progress"),
    WAITING("Waiting on reporter"),
    RESOLVED("Resolved"),
    CLOSED("Closed");

    private final String label;

    TicketState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** While a ticket needs info from its reporter or waits on them, its SLA clock stands still. */
    public boolean waitsOnReporter() {
        return this == NEEDS_INFO || this == WAITING;
    }

    /** Where a ticket goes when someone takes it in: to work, unless support already moved it on. */
    public TicketState onceTaken() {
        return this == NEW || this == QUALIFIED ? IN_PROGRESS : this;
    }

    /** Resolved or closed: nothing more is due. */
    public boolean hasEnded() {
        return this == RESOLVED || this == CLOSED;
    }

    /** The name stored and typed in commands: {@code needs_info}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
