package app.pompier.store;

import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Registration;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import app.pompier.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TicketsDatabaseRepositoryTest {
    @TempDir
    Path folder;
    final Instant now = Instant.parse("2026-11-23T09:30:00Z");

    StoreLocation store;

    /** The test's store, the same each time it is opened again. */
    TicketsDatabaseRepository open() {
        if (store == null) {
            store = TestStore.fresh(folder, "t.db");
        }
        return new TicketsDatabaseRepository(Database.open(store, null), "test");
    }

    static IntakeRequest request(String workspace, String channel, String ts, String deliveryId) {
        return new IntakeRequest(new SourceMessage(workspace, channel, ts, null), "UREP", "text", OpenedVia.MENTION,
                "UREP", deliveryId);
    }

    @Test
    void numbers_are_a_sequence_per_workspace() {
        var tickets = open();
        Ticket a1 = ((Registration.Opened) tickets.register(request("TA", "C1", "1.1", null), "INC", now)).ticket();
        Ticket a2 = ((Registration.Opened) tickets.register(request("TA", "C1", "1.2", null), "INC", now)).ticket();
        Ticket b1 = ((Registration.Opened) tickets.register(request("TB", "C1", "1.1", null), "INC", now)).ticket();
        assertEquals(new TicketId("INC", 1), a1.id());
        assertEquals(new TicketId("INC", 2), a2.id());
        assertEquals(new TicketId("INC", 1), b1.id());
        assertEquals(a2, tickets.byId("TA", new TicketId("inc", 2)).orElseThrow());
    }

    @Test
    void the_same_message_is_one_ticket_and_the_same_delivery_is_recognised() {
        var tickets = open();
        assertInstanceOf(Registration.Opened.class, tickets.register(request("TA", "C1", "1.1", "Ev1"), "INC", now));
        assertInstanceOf(Registration.DuplicateDelivery.class,
                tickets.register(request("TA", "C1", "1.1", "Ev1"), "INC", now));
        assertInstanceOf(Registration.AlreadyOpen.class,
                tickets.register(request("TA", "C1", "1.1", "Ev2"), "INC", now));
    }

    @Test
    void tickets_numbers_and_timeline_survive_reopening_the_store() {
        var first = open();
        Ticket t = ((Registration.Opened) first.register(request("TA", "C1", "1.1", null), "INC", now)).ticket();
        int attempt = first.claimCard(t.key(), now, now.plusSeconds(120));
        assertTrue(first.cardPosted(t.key(), attempt, "9.9", "https://x/p1", now.plusSeconds(1)));

        var reopened = open();
        Ticket again = reopened.byKey(t.key()).orElseThrow();
        assertEquals("9.9", again.cardTs());
        assertEquals(List.of(TimelineEntry.CREATED, TimelineEntry.CARD_POSTED),
                reopened.timeline(t.key()).stream().map(TimelineEntry::kind).toList());
        Ticket next = ((Registration.Opened) reopened.register(request("TA", "C1", "1.2", null), "INC", now)).ticket();
        assertEquals(2, next.id().number());
    }

    @Test
    void concurrent_intake_of_one_message_from_many_threads_makes_one_ticket() throws Exception {
        var tickets = open();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Registration>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String delivery = "Ev" + (i % 10);
            String ts = "1." + (i % 4);
            attempts.add(() -> tickets.register(request("TA", "C1", ts, delivery + ts), "INC", now));
        }
        long opened = 0;
        for (Future<Registration> f : pool.invokeAll(attempts)) {
            if (f.get() instanceof Registration.Opened) {
                opened++;
            }
        }
        pool.shutdown();
        assertEquals(4, opened);
        // Four numbers, each one ticket's. On PostgreSQL a number taken by a write that is then undone (the same
        // message recorded by another thread meanwhile) is skipped, so they need not be 1 to 4 (see the README).
        long numbered = java.util.stream.IntStream.rangeClosed(1, attempts.size())
                .filter(n -> tickets.byId("TA", new TicketId("INC", n)).isPresent()).count();
        assertEquals(4, numbered);
    }

    @Test
    void a_card_is_claimed_by_one_worker_until_its_lease_runs_out() {
        var tickets = open();
        Ticket t = ((Registration.Opened) tickets.register(request("TA", "C1", "1.1", null), "INC", now)).ticket();
        assertEquals(List.of(new Tickets.CardDue(t.key(), "C1")), tickets.cardsDue(now, 10));
        assertEquals(1, tickets.claimCard(t.key(), now, now.plus(Duration.ofMinutes(2))));
        assertEquals(0, tickets.claimCard(t.key(), now.plusSeconds(60), now.plus(Duration.ofMinutes(3))));
        assertTrue(tickets.cardsDue(now.plusSeconds(60), 10).isEmpty());
        assertEquals(2, tickets.claimCard(t.key(), now.plus(Duration.ofMinutes(2)), now.plus(Duration.ofMinutes(4))));
    }

    @Test
    void old_deliveries_are_forgotten() {
        var tickets = open();
        tickets.register(request("TA", "C1", "1.1", "Ev1"), "INC", now);
        assertEquals(1, tickets.forgetDeliveriesBefore(now.plus(Duration.ofDays(1))));
    }
}
