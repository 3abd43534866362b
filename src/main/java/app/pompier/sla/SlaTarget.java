package app.pompier.sla;

import java.time.Duration;

/** How long a goal may take for a priority, in business time. */
public sealed interface SlaTarget {

    /** Business hours and minutes: {@code 1h}, {@code 90m}. */
    record Within(Duration business) implements SlaTarget {
        public Within {
            if (business.isNegative() || business.isZero()) {
                throw new IllegalArgumentException("an SLA target is a positive duration, got " + business);
            }
        }
    }

    /** Business days: {@code 10d} is due on the tenth open day, at the same time of day. */
    record WithinDays(int days) implements SlaTarget {
        public WithinDays {
            if (days < 1) {
                throw new IllegalArgumentException("an SLA target is at least one business day, got " + days);
            }
        }
    }

    /** Fixed by the next scheduled release (weekly, on Tuesday by default). */
    record NextRelease() implements SlaTarget {
    }

    /** No deadline: taken in when no P1 or P2 waits, shipped in a scheduled release. */
    record None() implements SlaTarget {
    }

    default String words() {
        if (this instanceof Within w) {
            return BusinessDurations.words(w.business());
        }
        if (this instanceof WithinDays d) {
            return d.days() + (d.days() == 1 ? " business day" : " business days");
        }
        return this instanceof NextRelease ? "the next release" : "no deadline";
    }
}
