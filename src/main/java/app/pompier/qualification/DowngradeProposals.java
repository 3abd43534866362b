package app.pompier.qualification;

import app.pompier.ticket.Priority;

import java.time.Instant;
import java.util.Optional;

/** Downgrade proposals kept; at most one open per ticket, held by the store. */
public interface DowngradeProposals {

    /** Records a proposal; empty when one is already open for the ticket. */
    Optional<DowngradeProposal> propose(long ticketKey, Priority from, Priority to, String reason, String by,
                                        Instant now);

    Optional<DowngradeProposal> byId(long id);

    /** Records the reporter's answer; false when it was already answered. */
    boolean answer(long id, boolean accepted, Instant now);

    /** Records the one reminder; false when it was already sent or the proposal answered. */
    boolean reminded(long id, Instant now);
}
