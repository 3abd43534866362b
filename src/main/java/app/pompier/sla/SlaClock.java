package app.pompier.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Business time consumed by a goal since its clock started, less the pauses, and when a given amount
 * is or was reached. A priority change keeps what was consumed and changes only the budget, as
 * Jira Service Management and Zendesk do.
 */
public final class SlaClock {
    private final BusinessCalendar calendar;
    private final SlaPolicy policy;

    public SlaClock(BusinessCalendar calendar, SlaPolicy policy) {
        this.calendar = calendar;
        this.policy = policy;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    public SlaPolicy policy() {
        return policy;
    }

    /** The business time a target gives, counted from the clock's start; empty for no target. */
    public Optional<Duration> budget(SlaTarget target, Instant start) {
        if (target instanceof SlaTarget.Within w) {
            return Optional.of(w.business());
        }
        if (target instanceof SlaTarget.WithinDays d) {
            return Optional.of(calendar.between(start, calendar.plusDays(start, d.days())));
        }
        if (target instanceof SlaTarget.NextRelease) {
            Instant release = policy.releases().nextAfter(calendar.nextOpening(start), calendar);
            return Optional.of(calendar.between(start, release));
        }
        return Optional.empty();
    }

    public boolean isPaused(List<Pause> pauses) {
        return pauses.stream().anyMatch(p -> p.until() == null);
    }

    /** Business time that counted between {@code start} and {@code now}. */
    public Duration consumed(Instant start, List<Pause> pauses, Instant now) {
        return calendar.between(start, now).minus(paused(start, now, pauses, now));
    }

    /**
     * When the clock reaches {@code amount} of business time: in the past, or in the future if it keeps
     * running. Empty when a pause that is still going on started before that moment.
     */
    public Optional<Instant> whenConsumed(Instant start, Duration amount, List<Pause> pauses, Instant now) {
        Instant at = calendar.plus(start, amount);
        for (int i = 0; i < 1000; i++) {
            for (Pause p : pauses) {
                if (p.until() == null && p.from().isBefore(at)) {
                    return Optional.empty();
                }
            }
            Instant next = calendar.plus(start, amount.plus(paused(start, at, pauses, now)));
            if (next.equals(at)) {
                return Optional.of(at);
            }
            at = next;
        }
        throw new IllegalStateException("pauses do not settle for a clock started at " + start);
    }

    /** When {@code percentLeft} % of the budget is left (0 is the breach). */
    public Optional<Instant> whenLeft(Instant start, Duration budget, int percentLeft, List<Pause> pauses,
                                      Instant now) {
        return whenConsumed(start, spent(budget, percentLeft), pauses, now);
    }

    /** The largest threshold crossed by {@code now}'s consumption, smallest percent first; -1 when none. */
    public int mostRecentCrossed(Duration budget, Duration consumed, List<Integer> thresholds) {
        int crossed = -1;
        for (int percent : thresholds) {
            if (consumed.compareTo(spent(budget, percent)) >= 0) {
                crossed = percent;
            }
        }
        return crossed;
    }

    private static Duration spent(Duration budget, int percentLeft) {
        return budget.multipliedBy(100 - percentLeft).dividedBy(100);
    }

    /** Business time in pauses between {@code from} and {@code to}; an open pause counts until now. */
    private Duration paused(Instant from, Instant to, List<Pause> pauses, Instant now) {
        Duration total = Duration.ZERO;
        for (Pause p : pauses) {
            Instant pFrom = p.from().isBefore(from) ? from : p.from();
            Instant pUntil = p.until() == null ? now : p.until();
            if (pUntil.isAfter(to)) {
                pUntil = to;
            }
            total = total.plus(calendar.between(pFrom, pUntil));
        }
        return total;
    }
}
