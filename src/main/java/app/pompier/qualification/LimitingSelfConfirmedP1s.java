package app.pompier.qualification;

import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * One person cannot open crisis cells at will. A P1 the policy gives on a reporter's own answers to their own report
 * is confirmed, and opens a cell; past {@code perHour} such P1s within an hour, the reporter's next ones are not
 * confirmed: they stand as claimed P1s, and the leads are asked to confirm them (seed 003: the leads arbitrate P1s).
 * Support and the leads qualify as the team: their P1s are not counted.
 */
public final class LimitingSelfConfirmedP1s {
    static final Duration WINDOW = Duration.ofHours(1);

    private final SelfConfirmedP1s counted;
    private final int perHour;
    private final Clock clock;

    /** @param perHour how many P1s one reporter confirms themselves in an hour; 0: the leads confirm every one */
    public LimitingSelfConfirmedP1s(SelfConfirmedP1s counted, int perHour, Clock clock) {
        this.counted = counted;
        this.perHour = perHour;
        this.clock = clock;
    }

    /** Whether a qualification's P1 is confirmed. */
    public sealed interface Verdict {
        /** Not a P1 a reporter confirms themselves: the limit does not apply. */
        record NotSelfConfirmed() implements Verdict {
        }

        /** A self-confirmed P1 within the limit: confirmed. {@code counted}: counted by this qualification. */
        record Confirmed(boolean counted) implements Verdict {
        }

        /**
         * Over the limit: the P1 stands unconfirmed until a lead confirms it.
         *
         * @param confirmed how many P1s the reporter confirmed in the last hour
         */
        record Held(String reporter, int confirmed, int perHour) implements Verdict {
        }
    }

    /** The verdict on a qualification by {@code by} that the policy decided {@code decided}. */
    public Verdict judge(Ticket ticket, Priority decided, String by, Predicate<String> isSupport) {
        if (decided != Priority.P1 || ticket.isConfirmedP1() || by == null || !by.equals(ticket.reporter())
                || isSupport.test(by)) {
            return new Verdict.NotSelfConfirmed();
        }
        Instant now = clock.instant();
        var counting = counted.count(by, ticket.key(), now, now.minus(WINDOW), perHour);
        if (counting instanceof SelfConfirmedP1s.Counting.OverLimit over) {
            return new Verdict.Held(by, over.confirmed(), perHour);
        }
        return new Verdict.Confirmed(counting instanceof SelfConfirmedP1s.Counting.Counted);
    }

    /** The qualification was not recorded (a stale dialog): what it counted is taken back. */
    public void notRecorded(Ticket ticket, Verdict verdict) {
        if (verdict instanceof Verdict.Confirmed confirmed && confirmed.counted()) {
            counted.forget(ticket.key());
        }
    }
}
