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

    /** The name stored and typed in commands: {@code needs_info}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TicketState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
