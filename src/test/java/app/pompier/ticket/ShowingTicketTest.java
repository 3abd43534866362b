package app.pompier.ticket;

import app.pompier.testing.InMemoryTickets;
import app.pompier.ticket.ConversationPrivacy.Privacy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Who may read a ticket they ask for by id: the rule, with tickets in memory and a chat that answers as told. */
class ShowingTicketTest {
    static final String WORKSPACE = "T0TEAM001";
    static final Predicate<String> SUPPORT = "UAGENT001"::equals;

    final InMemoryTickets tickets = new InMemoryTickets();
    final Map<String, Privacy> chat = new HashMap<>();
    final List<String> asked = new ArrayList<>();
    /** What is known without asking: nothing, unless a test says so. */
    final Map<String, Privacy> known = new HashMap<>();

    final ShowingTicket showing = new ShowingTicket(tickets, new ConversationPrivacy() {
        public Optional<Privacy> known(String channel) {
            return Optional.ofNullable(known.get(channel));
        }

        public Privacy ask(String channel) {
            asked.add(channel);
            return chat.getOrDefault(channel, Privacy.PRIVATE);
        }
    });

    final Ticket ticket = tickets.add(1, "UREPORTER", "Bulletins de paie faux", Instant.EPOCH,
            t -> t.assignee("UDEV00001", Instant.EPOCH));

    @Test
    void its_reporter_its_assignee_and_support_see_it_wherever_it_was_reported_without_asking_the_chat() {
        for (String user : List.of("UREPORTER", "UDEV00001", "UAGENT001")) {
            var sight = showing.showNow(WORKSPACE, ticket.id(), user, SUPPORT).orElseThrow();
            assertEquals(ticket, assertInstanceOf(ShowingTicket.Sight.Shown.class, sight).ticket(), user);
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void anyone_else_sees_it_only_once_the_chat_says_its_channel_is_public() {
        assertEquals(Optional.empty(), showing.showNow(WORKSPACE, ticket.id(), "USTRANGER", SUPPORT),
                "not known: the chat must be asked, after Slack's ack");
        assertEquals(new ShowingTicket.Sight.Hidden(ticket.id()),
                showing.show(WORKSPACE, ticket.id(), "USTRANGER", SUPPORT), "the chat could not say: private");

        chat.put("C0SUPPORT", Privacy.PUBLIC);
        assertInstanceOf(ShowingTicket.Sight.Shown.class, showing.show(WORKSPACE, ticket.id(), "USTRANGER", SUPPORT));
        assertEquals(List.of("C0SUPPORT", "C0SUPPORT"), asked);

        known.put("C0SUPPORT", Privacy.PRIVATE);
        assertEquals(Optional.of(new ShowingTicket.Sight.Hidden(ticket.id())),
                showing.showNow(WORKSPACE, ticket.id(), "USTRANGER", SUPPORT));
    }

    @Test
    void a_ticket_that_does_not_exist_is_said_so() {
        TicketId missing = new TicketId("INC", 9);
        assertEquals(Optional.of(new ShowingTicket.Sight.NotFound(missing)),
                showing.showNow(WORKSPACE, missing, "USTRANGER", SUPPORT));
    }
}
