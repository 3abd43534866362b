package app.pompier.ticket;

import java.time.Instant;
import java.util.List;

/** Figures over tickets for leads and dashboards: P1 inflation per channel, counts and times. */
public interface TicketFigures {

    /**
     * Per channel, tickets opened since {@code since}: P1s the reporters claimed, P1s confirmed (by the
     * policy or a lead), and downgrades proposed, accepted and refused.
     */
    record Inflation(String channel, long claimedP1, long confirmedP1, long downgradesProposed,
                     long downgradesAccepted, long downgradesRefused) {
    }

    List<Inflation> inflation(String workspace, Instant since);

    /** How many tickets are in each state and priority, and how the SLA held since {@code since}. */
    record Counts(long open, long p1, long p2, long p3, long unqualified, long unassigned, long resolved,
                  long closed, long takeInMet, long takeInMissed, long resolutionMet, long resolutionMissed,
                  Long medianTakeInMinutes, Long medianResolutionMinutes) {
    }

    Counts counts(String workspace, Instant since);
}
