package app.pompier.qualification;

import app.pompier.qualification.LimitingSelfConfirmedP1s.Verdict;
import app.pompier.testing.InMemoryTickets;
import app.pompier.testing.MutableClock;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The number of P1s a reporter confirms themselves in an hour: plain Java, a clock the test moves. */
class LimitingSelfConfirmedP1sTest {
    static final String REPORTER = "UREPORTER";
    static final Predicate<String> SUPPORT = "UAGENT001"::equals;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    final InMemoryTickets tickets = new InMemoryTickets();
    /** Ticket key to the reporter and when it was counted, as the store keeps them. */
    final Map<Long, Map.Entry<String, Instant>> counted = new HashMap<>();

    final SelfConfirmedP1s store = new SelfConfirmedP1s() {
        public Counting count(String reporter, long ticketKey, Instant at, Instant since, int limit) {
            if (counted.containsKey(ticketKey)) {
                return new Counting.AlreadyCounted();
            }
            int confirmed = (int) counted.values().stream().filter(e -> e.getKey().equals(reporter)
                    && e.getValue().isAfter(since)).count();
            if (confirmed >= limit) {
                return new Counting.OverLimit(confirmed);
            }
            counted.put(ticketKey, Map.entry(reporter, at));
            return new Counting.Counted();
        }

        public void forget(long ticketKey) {
            counted.remove(ticketKey);
        }
    };

    /** A new report by the reporter, not prioritised yet. */
    Ticket report(long key) {
        return tickets.add(key, REPORTER, "Connexion impossible", clock.instant(), t -> t.priority(null, false));
    }

    @Test
    void a_reporter_confirms_three_p1s_in_an_hour_and_the_fourth_waits_for_a_lead() {
        var limit = new LimitingSelfConfirmedP1s(store, 3, clock);
        for (long key = 1; key <= 3; key++) {
            assertEquals(new Verdict.Confirmed(true), limit.judge(report(key), Priority.P1, REPORTER, SUPPORT));
            clock.advance(Duration.ofMinutes(10));
        }
        assertEquals(new Verdict.Held(REPORTER, 3, 3), limit.judge(report(4), Priority.P1, REPORTER, SUPPORT));

        clock.advance(Duration.ofMinutes(31));
        assertEquals(new Verdict.Confirmed(true), limit.judge(report(5), Priority.P1, REPORTER, SUPPORT),
                "an hour after the first, one place is free again");
        assertEquals(new Verdict.Held(REPORTER, 3, 3), limit.judge(report(6), Priority.P1, REPORTER, SUPPORT));
    }

    @Test
    void the_same_ticket_qualified_again_is_not_counted_twice() {
        var limit = new LimitingSelfConfirmedP1s(store, 1, clock);
        Ticket ticket = report(1);
        assertEquals(new Verdict.Confirmed(true), limit.judge(ticket, Priority.P1, REPORTER, SUPPORT));
        assertEquals(new Verdict.Confirmed(false), limit.judge(ticket, Priority.P1, REPORTER, SUPPORT));
        assertEquals(1, counted.size());
    }

    @Test
    void what_is_not_a_reporters_own_p1_is_not_counted() {
        var limit = new LimitingSelfConfirmedP1s(store, 0, clock);
        Ticket ticket = report(1);
        assertEquals(new Verdict.NotSelfConfirmed(), limit.judge(ticket, Priority.P2, REPORTER, SUPPORT), "not a P1");
        assertEquals(new Verdict.NotSelfConfirmed(), limit.judge(ticket, Priority.P1, "UAGENT001", SUPPORT),
                "support qualifies for the team");
        assertEquals(new Verdict.NotSelfConfirmed(), limit.judge(ticket, Priority.P1, REPORTER, REPORTER::equals),
                "a reporter who is in support is support");
        Ticket confirmed = tickets.add(2, REPORTER, "x", clock.instant(), t -> t.priority(Priority.P1, true));
        assertEquals(new Verdict.NotSelfConfirmed(), limit.judge(confirmed, Priority.P1, REPORTER, SUPPORT),
                "already a confirmed P1: no new cell, nothing to hold");
        assertEquals(new Verdict.Held(REPORTER, 0, 0), limit.judge(ticket, Priority.P1, REPORTER, SUPPORT),
                "0: the leads confirm every P1 a reporter gives their own report");
        assertEquals(Map.of(), counted);
    }

    @Test
    void a_qualification_not_recorded_gives_its_place_back() {
        var limit = new LimitingSelfConfirmedP1s(store, 1, clock);
        Ticket ticket = report(1);
        Verdict verdict = limit.judge(ticket, Priority.P1, REPORTER, SUPPORT);
        limit.notRecorded(ticket, verdict);
        assertEquals(new Verdict.Confirmed(true), limit.judge(report(2), Priority.P1, REPORTER, SUPPORT));
    }
}
