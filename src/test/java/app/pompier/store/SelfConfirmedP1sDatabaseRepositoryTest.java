package app.pompier.store;

import app.pompier.qualification.SelfConfirmedP1s.Counting;
import app.pompier.testing.TestStore;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Registration;
import app.pompier.ticket.SourceMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SelfConfirmedP1sDatabaseRepositoryTest {
    @TempDir
    Path folder;
    final Instant now = Instant.parse("2026-11-23T09:30:00Z");
    Database database;
    TicketsDatabaseRepository tickets;
    SelfConfirmedP1sDatabaseRepository counted;

    @BeforeEach
    void open() {
        database = TestStore.open(folder, "p1.db");
        tickets = new TicketsDatabaseRepository(database, "test");
        counted = new SelfConfirmedP1sDatabaseRepository(database.jdbi());
    }

    @AfterEach
    void close() {
        tickets.close();
        database.close();
    }

    long ticket(int n) {
        var request = new IntakeRequest(new SourceMessage("T1", "C1", "1." + n, null), "UREP", "text",
                OpenedVia.MENTION, "UREP", null);
        return ((Registration.Opened) tickets.register(request, "INC", now)).ticket().key();
    }

    Counting count(long ticket, Instant at) {
        return counted.count("UREP", ticket, at, at.minus(Duration.ofHours(1)), 2);
    }

    @Test
    void a_reporters_p1s_are_counted_over_the_last_hour_once_each() {
        long a = ticket(1);
        long b = ticket(2);
        long c = ticket(3);
        assertEquals(new Counting.Counted(), count(a, now));
        assertEquals(new Counting.AlreadyCounted(), count(a, now.plusSeconds(1)));
        assertEquals(new Counting.Counted(), count(b, now.plusSeconds(60)));
        assertEquals(new Counting.OverLimit(2), count(c, now.plusSeconds(120)));
        assertEquals(new Counting.Counted(), counted.count("UOTHER", c, now, now.minusSeconds(3600), 2),
                "counted per person");

        counted.forget(c);
        assertEquals(new Counting.Counted(), count(c, now.plus(Duration.ofMinutes(61))),
                "an hour after the first, its place is free");
    }

    @Test
    void two_of_one_reporters_p1s_counted_at_once_never_both_take_the_last_place() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            keys.add(ticket(n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Counting>> results = new ArrayList<>();
        for (long key : keys) {
            results.add(pool.submit(() -> {
                go.await();
                return count(key, now);
            }));
        }
        go.countDown();
        int countedNow = 0;
        for (Future<Counting> result : results) {
            countedNow += result.get() instanceof Counting.Counted ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(2, countedNow);
        long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM self_confirmed_p1")
                .mapTo(Long.class).one());
        assertEquals(2, rows);
    }
}
