package app.pompier.crisis;

import app.pompier.qualification.Answers;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;

import java.time.Duration;
import java.util.List;

/** What the crisis procedure says, and where; the chat adapter words and draws each. */
public sealed interface CellMessage {

    /** In the cell, pinned: what is broken, how to reproduce it, the impact, who reported it, who commands. */
    record Summary(Ticket ticket, Answers answers, String commander) implements CellMessage {
    }

    /** In the ticket's thread: the cell is open, and the reporter will be kept informed there. */
    record CellOpened(TicketId ticket, String cellChannelId) implements CellMessage {
    }

    /** In the ticket's thread: the cell could not be created (null {@code error}: every name was taken). */
    record CellNotCreated(TicketId ticket, String error) implements CellMessage {
    }

    /** In the cell: the steps of its opening that could not be done, and why. */
    record OpeningIncomplete(List<CrisisCell.Step> failed) implements CellMessage {
        public OpeningIncomplete {
            failed = List.copyOf(failed);
        }
    }

    /** In the cell, after {@code silence} without news: the commander is asked what we know. */
    record StatusRequested(TicketId ticket, Duration silence, String commander) implements CellMessage {
    }

    /** In the cell: the status update as the cell wrote it. */
    record StatusPosted(StatusReport report) implements CellMessage {
    }

    /** In the ticket's thread: the status update in words meant for the reporter. */
    record StatusForReporter(StatusReport report) implements CellMessage {
    }

    /** In the stakeholders' channel: one line of the status update. */
    record StatusForStakeholders(StatusReport report) implements CellMessage {
    }

    record CommanderNamed(String commander) implements CellMessage {
    }

    record Review(ReviewDraft draft) implements CellMessage {
    }
}
