package app.pompier.qualification;

import app.pompier.ticket.Priority;
import app.pompier.ticket.ReporterWait;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.TimelineEntry;

import java.time.Instant;
import java.util.List;

/**
 * One submitted qualification and everything it changes on the ticket, recorded at once.
 *
 * @param expectedRevision the ticket's qualification revision the dialog was opened on; another
 *                         qualification in between makes this one stale
 * @param submissionId     Slack's id for the submitted dialog, so a repeated submission applies once
 * @param reporterWait     what the change of state does to the ticket's wait on its reporter
 * @param slaStartedAt     when the SLA clock started: when the report first became complete; null before
 */
public record Qualification(long ticketKey, int expectedRevision, String submissionId, String by, Instant at,
                            Answers answers, TicketState fromState, TicketState toState, PriorityDecision decision,
                            Priority effective, boolean confirmed, ReporterWait reporterWait, Instant slaStartedAt,
                            List<TimelineEntry> timeline) {
    public Qualification {
        timeline = List.copyOf(timeline);
    }
}
