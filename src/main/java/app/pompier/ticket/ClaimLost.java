package app.pompier.ticket;

/**
 * Work went on after its claim was lost: it may be another replica's now, so nothing more of it is posted or
 * recorded. Not a failure of the work: whoever holds it now finishes it.
 */
public final class ClaimLost extends RuntimeException {
    public ClaimLost(Claim claim) {
        super(claim.what() + " is no longer this replica's (its lease ran out or the others counted it dead);"
                + " whoever holds it now finishes it");
    }

    public ClaimLost(String what) {
        super(what + " is no longer this replica's; whoever holds it now finishes it");
    }
}
