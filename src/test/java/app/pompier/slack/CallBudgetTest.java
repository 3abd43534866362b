package app.pompier.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallBudgetTest {
    static final long SECOND = 1_000_000_000L;

    @Test
    void a_burst_is_taken_at_once_then_calls_come_back_at_the_tiers_rate_and_never_wait() {
        CallBudget tier4 = new CallBudget(100, Duration.ofMinutes(1), 10);
        long start = System.nanoTime();
        int taken = 0;
        while (tier4.tryTake(start)) {
            taken++;
        }
        assertEquals(10, taken, "the burst");
        assertFalse(tier4.tryTake(start + SECOND / 2), "100 a minute: not yet one more after half a second");
        assertTrue(tier4.tryTake(start + 6 * SECOND / 10), "one more after 0.6 s");

        // Over a minute of asking all the time: the burst plus 100.
        int inAMinute = 0;
        for (long t = start + SECOND; t <= start + 61 * SECOND; t += SECOND / 100) {
            inAMinute += tier4.tryTake(t) ? 1 : 0;
        }
        assertTrue(inAMinute >= 99 && inAMinute <= 101, "about 100 in a minute: " + inAMinute);
    }

    @Test
    void the_tiers_floors_are_never_passed_in_any_minute_burst_included() {
        for (var tier : java.util.Map.of(100, CallBudget.tier4(), 50, CallBudget.tier3()).entrySet()) {
            long start = System.nanoTime();
            java.util.List<Long> taken = new java.util.ArrayList<>();
            for (long t = start; t <= start + 180 * SECOND; t += SECOND / 50) {
                if (tier.getValue().tryTake(t)) {
                    taken.add(t);
                }
            }
            int most = 0;
            for (int i = 0, j = 0; i < taken.size(); i++) {
                while (taken.get(i) - taken.get(j) >= 60 * SECOND) {
                    j++;
                }
                most = Math.max(most, i - j + 1);
            }
            assertTrue(most <= tier.getKey(), "at most " + tier.getKey() + " in any minute: " + most);
            assertTrue(most >= tier.getKey() - 2, "and close to it: " + most);
        }
    }

    @Test
    void calls_made_whatever_the_budget_leave_that_much_less_for_the_calls_that_can_do_without() {
        CallBudget tier3 = new CallBudget(45, Duration.ofMinutes(1), 5);
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            tier3.reserve(start);
        }
        assertFalse(tier3.tryTake(start), "eight marks made: nothing left of the burst of five");
        assertFalse(tier3.tryTake(start + 4 * SECOND), "three owed back first (45 a minute: one every 1.3 s)");
        assertTrue(tier3.tryTake(start + 6 * SECOND), "then one again");
    }
}
