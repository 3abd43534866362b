package app.pompier.ticket;

/**
 * What a change of state does to the ticket's wait on its reporter: a wait opens when the ticket starts to
 * need info or to wait on them, and ends when it stops; the SLA clock does not run during a wait.
 */
public sealed interface ReporterWait {

    /** A wait opens, unless one is open already; {@code reason} says on what ({@code needs_info}, {@code waiting}). */
    record Opens(String reason) implements ReporterWait {
    }

    record Ends() implements ReporterWait {
    }

    record Unchanged() implements ReporterWait {
    }

    static ReporterWait between(TicketState from, TicketState to) {
        if (!from.waitsOnReporter() && to.waitsOnReporter()) {
            return new Opens(to.code());
        }
        if (from.waitsOnReporter() && !to.waitsOnReporter()) {
            return new Ends();
        }
        return new Unchanged();
    }
}
