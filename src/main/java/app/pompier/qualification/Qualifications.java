package app.pompier.qualification;

import app.pompier.ticket.Ticket;

import java.util.Optional;

/** The answers given for tickets, and the changes they make, kept together. */
public interface Qualifications {

    /** What became of recording a qualification. */
    sealed interface Recording {
        record Recorded(Ticket ticket) implements Recording {
        }

        /** Someone qualified the ticket after this dialog was opened; nothing was changed. */
        record Stale(Ticket current) implements Recording {
        }

        /** The same submission was already recorded; nothing was changed twice. */
        record AlreadyRecorded(Ticket ticket) implements Recording {
        }
    }

    /**
     * In one transaction: stores the answers, moves the ticket's state and priority, opens or closes
     * its wait on the reporter, and appends the timeline.
     */
    Recording record(Qualification qualification);

    Optional<Answers> latest(long ticketKey);
}
