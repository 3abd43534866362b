package app.pompier.crisis;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The crisis cell of a P1: a channel where the incident is coordinated until it is resolved.
 *
 * @param steps what was done of the opening; a step missing is still to do
 */
public record CrisisCell(long id, long ticketKey, State state, String channelId, String channelName,
                         String commander, String summaryTs, Instant requestedAt, Instant lastStatusAt,
                         Map<CrisisStep, Step> steps) {

    public enum State {
        OPENING, OPEN, FAILED, ARCHIVED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A step's outcome: done, or failed for good with Slack's reason (reported in the cell). */
    public record Step(CrisisStep step, boolean done, String detail) {
    }

    /** The first step still to do, in order. */
    public Optional<CrisisStep> nextStep() {
        for (CrisisStep s : CrisisStep.values()) {
            if (!steps.containsKey(s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }
}
