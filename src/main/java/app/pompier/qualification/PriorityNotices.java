package app.pompier.qualification;

import app.pompier.ticket.Ticket;

/** What is said about a proposed downgrade: the reporter asked to decide, the leads told what they decided. */
public interface PriorityNotices {

    /** Asks the reporter, in the ticket's thread, to accept or keep; {@code reminder} for the one reminder. */
    void askReporter(Ticket ticket, DowngradeProposal proposal, boolean reminder);

    /** Tells the leads that the reporter accepted the downgrade, or keeps the priority they chose. */
    void reporterAnswered(Ticket ticket, DowngradeProposal proposal, boolean accepted, String reporter);
}
