package app.pompier.ticket;

import app.pompier.language.Phrase;

import java.util.Locale;

/**
 * Where a ticket stands in support's work. Its name as people read it is in the language files
 * ({@code ticket.state.waiting}); a sentence that names a state takes its {@link #code()} and says it with a select.
 */
public enum TicketState {
    NEW,
    NEEDS_INFO,
    QUALIFIED,
    IN_PROGRESS,
    WAITING,
    RESOLVED,
    CLOSED;

    /** The state's name, as the card and the lists show it: {@code words.say(state.phrase())}. */
    public Phrase phrase() {
        return Phrase.of("ticket.state." + code());
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
