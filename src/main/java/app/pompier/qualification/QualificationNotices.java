package app.pompier.qualification;

/**
 * What is said after a qualification: to the reporter, what support still needs or the priority decided and
 * why; to the leads, a claim above the policy that stands unconfirmed until they review it.
 */
public interface QualificationNotices {
    void recorded(QualifyingTicket.Outcome.Recorded recorded);
}
