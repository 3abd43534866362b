package app.pompier.crisis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * A step's outcome: done, or failed for good with the chat's reason (reported in the cell): the chat's error
     * code, or one of the reasons below, which the cell says in its language.
     */
    public record Step(CrisisStep step, boolean done, String detail) {
        /** The pin's step failed: there was no summary to pin. */
        public static final String NO_SUMMARY = "no_summary";
        /** The bookmark's step failed: the original message has no link. */
        public static final String NO_LINK = "no_link";

        /** Who could not be invited and why, when this is the invitations' step. */
        public List<Refusal> refusals() {
            return step == CrisisStep.INVITE && !done && detail != null ? Refusal.parse(detail) : List.of();
        }
    }

    /** A person who could not be invited to the cell, and the chat's reason. */
    public record Refusal(String user, String why) {
        private static final Pattern ONE = Pattern.compile("(\\S+) \\(([^)]*)\\)");

        /** Kept as the step's detail: {@code U0123 (cant_invite), U0456 (user_not_found)}. */
        static String describe(List<Refusal> refusals) {
            return String.join(", ", refusals.stream().map(r -> r.user() + " (" + r.why() + ")").toList());
        }

        static List<Refusal> parse(String detail) {
            List<Refusal> refusals = new ArrayList<>();
            Matcher m = ONE.matcher(detail);
            while (m.find()) {
                refusals.add(new Refusal(m.group(1), m.group(2)));
            }
            return refusals;
        }
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
