package app.pompier.qualification;

import java.time.Instant;

/**
 * The P1s reporters confirmed themselves (the policy gave P1 on their own answers to their own report), kept with
 * when, so that the count per person holds across restarts and replicas.
 */
public interface SelfConfirmedP1s {

    /** What became of counting one more. */
    sealed interface Counting {
        /** Counted: it is one more of the reporter's self-confirmed P1s. */
        record Counted() implements Counting {
        }

        /** This ticket was counted before (the same dialog submitted again, the ticket qualified again). */
        record AlreadyCounted() implements Counting {
        }

        /** The reporter confirmed {@code confirmed} P1s since then, the limit or more: this one is not counted. */
        record OverLimit(int confirmed) implements Counting {
        }
    }

    /**
     * Counts the ticket as one of {@code reporter}'s self-confirmed P1s when they confirmed fewer than {@code limit}
     * since {@code since}. One reporter's count is read and added to in one turn, so that two replicas qualifying two
     * of their reports at once never both take the last place.
     */
    Counting count(String reporter, long ticketKey, Instant at, Instant since, int limit);

    /** Takes back a count whose qualification was not recorded after all (a stale dialog). */
    void forget(long ticketKey);
}
