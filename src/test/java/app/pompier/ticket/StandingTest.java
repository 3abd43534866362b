package app.pompier.ticket;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a replica's claims hold: while the others cannot have counted it dead, in the term they were taken in. */
class StandingTest {
    static final Duration ACTS_FOR = Duration.ofSeconds(15);
    static final long SECOND = 1_000_000_000L;

    @Test
    void a_replica_acts_on_its_claims_only_once_it_has_beaten_and_while_its_beats_keep_coming() {
        Standing standing = Standing.beating(ACTS_FOR);
        assertFalse(standing.alive(standing.term()), "no claim before the first beat");
        long now = System.nanoTime();
        standing.beaten(now, null);
        long term = standing.term();
        assertTrue(standing.alive(term));
        standing.beaten(now + 5 * SECOND, Duration.ofSeconds(5));
        assertTrue(standing.alive(term), "beats 5 s apart keep the term");
    }

    @Test
    void a_silence_the_others_may_have_seen_starts_a_new_term_and_the_old_claims_stay_lost() {
        Standing standing = Standing.beating(ACTS_FOR);
        long now = System.nanoTime();
        standing.beaten(now - 20 * SECOND, null);
        long before = standing.term();
        // Frozen 20 s: the next beat finds the old term over.
        standing.beaten(now, Duration.ofSeconds(20));
        assertNotEquals(before, standing.term());
        assertFalse(standing.alive(before), "a claim of the old term is lost for good");
        assertTrue(standing.alive(standing.term()));
    }

    @Test
    void a_silence_only_the_database_saw_starts_a_new_term_too() {
        Standing standing = Standing.beating(ACTS_FOR);
        long now = System.nanoTime();
        standing.beaten(now - SECOND, null);
        long before = standing.term();
        // Sent a second after the last by this machine's clock, but written 16 s after it by the database's (a beat
        // that waited for a connection or a lock): the others may have counted this replica dead meanwhile.
        standing.beaten(now, Duration.ofSeconds(16));
        assertFalse(standing.alive(before));
    }

    @Test
    void a_replica_that_stops_holds_nothing_and_one_alone_on_its_store_always_stands() {
        Standing standing = Standing.beating(ACTS_FOR);
        standing.beaten(System.nanoTime(), null);
        standing.stop();
        assertFalse(standing.alive(standing.term()));
        Standing alone = Standing.alone();
        assertTrue(alone.alive(alone.term()));
    }
}
