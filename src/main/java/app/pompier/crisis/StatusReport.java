package app.pompier.crisis;

import app.pompier.ticket.TicketId;

import java.time.Instant;

/** A status update from the cell: what we know, what we are doing, when the next one comes. */
public record StatusReport(TicketId ticket, String by, String known, String doing, Instant next) {
}
