package app.pompier.qualification;

import java.time.Instant;

/** Durable timed work: the one reminder of a downgrade proposal the reporter has not answered. */
public interface ProposalReminders {
    void remindAt(long proposalId, Instant at);
}
