package app.pompier.slack;

import app.pompier.ticket.slack.CardBlocks;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static app.pompier.testing.SlackPayloads.botMessage;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.createTicketShortcut;
import static app.pompier.testing.SlackPayloads.edit;
import static app.pompier.testing.SlackPayloads.join;
import static app.pompier.testing.SlackPayloads.mention;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.reaction;
import static app.pompier.testing.SlackPayloads.threadReply;
import static app.pompier.testing.SlackPayloads.unknownEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntakeTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String ELSEWHERE = "C0GENERAL";
    static final String REPORTER = "UREPORTER";
    static final String AGENT = "UAGENT001";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(ELSEWHERE, "general");
        pompier = new RunningPompier(slack, folder, clock, """
                tickets:
                  prefix: INC
                channels:
                  watch: ["#support-crm"]
                """);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    HttpResponse<String> send(String json) {
        return pompier.slackSends().event(json);
    }

    long tickets() {
        return pompier.count("SELECT COUNT(*) FROM ticket");
    }

    @Test
    void message_in_a_watched_channel_opens_a_ticket_and_posts_its_card_in_the_thread() {
        var response = send(callback("Ev001", message(SUPPORT, REPORTER, "1800000000.000100",
                "Je n'arrive pas à créer un contact")));

        assertEquals(200, response.statusCode());
        Call card = slack.await("chat.postMessage", 1).get(0);
        assertEquals(SUPPORT, card.param("channel"));
        assertEquals("1800000000.000100", card.param("thread_ts"));
        JsonNode blocks = card.json("blocks");
        assertTrue(blocks.toString().contains("INC-1"), blocks.toString());
        assertTrue(blocks.toString().contains("<@" + REPORTER + ">"));
        assertTrue(blocks.toString().contains("Unknown until qualified"));
        assertTrue(blocks.toString().contains(CardBlocks.QUALIFY_ACTION));
        Call reaction = slack.await("reactions.add", 1).get(0);
        assertEquals("ticket", reaction.param("name"));
        assertEquals("1800000000.000100", reaction.param("timestamp"));
        assertEquals(1, tickets());
        assertEquals(1, pompier.count("""
                SELECT COUNT(*) FROM ticket WHERE reference = 'INC-1' AND state = 'new' AND priority IS NULL
                  AND reporter = 'UREPORTER' AND report_text = 'Je n''arrive pas à créer un contact'
                  AND permalink LIKE 'https://%' AND card_ts IS NOT NULL AND opened_via = 'watched_channel'
                """));
    }

    @Test
    void messages_that_are_not_reports_open_nothing_and_are_acked() {
        List<String> events = List.of(
                callback("Ev010", message(ELSEWHERE, REPORTER, "1800000000.000200", "lunch?")),
                callback("Ev011", botMessage(SUPPORT, "1800000000.000201", "deploy finished")),
                callback("Ev012", edit(SUPPORT, "1800000000.000202", "edited text")),
                callback("Ev013", join(SUPPORT, REPORTER, "1800000000.000203")),
                callback("Ev014", threadReply(SUPPORT, REPORTER, "1800000000.000205", "1800000000.000204", "+1")),
                callback("Ev015", unknownEvent()));
        for (String event : events) {
            assertEquals(200, send(event).statusCode(), event);
        }
        slack.quietFor(Duration.ofMillis(200));
        assertEquals(0, tickets());
        assertTrue(slack.calls("chat.postMessage").isEmpty());
    }

    @Test
    void a_retried_event_opens_one_ticket_and_says_nothing_twice() {
        String event = callback("Ev020", message(SUPPORT, REPORTER, "1800000000.000300", "portal down"));
        assertEquals(200, send(event).statusCode());
        assertEquals(200, pompier.slackSends().retriedEvent(event, 1).statusCode());
        assertEquals(200, pompier.slackSends().retriedEvent(event, 2).statusCode());

        slack.await("chat.postMessage", 1);
        slack.quietFor(Duration.ofMillis(200));
        assertEquals(1, tickets());
        assertEquals(1, slack.calls("chat.postMessage").size());
        assertTrue(slack.calls("chat.postEphemeral").isEmpty());
    }

    @Test
    void a_mention_opens_a_ticket_anywhere_and_answers_in_its_thread() {
        send(callback("Ev030", mention(ELSEWHERE, REPORTER, "1800000000.000401", "1800000000.000400",
                "la recherche ne répond plus")));

        Call card = slack.await("chat.postMessage", 1).get(0);
        assertEquals(ELSEWHERE, card.param("channel"));
        assertEquals("1800000000.000400", card.param("thread_ts"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE opened_via = 'mention'"
                + " AND report_text = 'la recherche ne répond plus'"));
    }

    @Test
    void a_mention_in_a_watched_channel_is_one_ticket_with_its_message_event() {
        String ts = "1800000000.000450";
        send(callback("Ev035", message(SUPPORT, REPORTER, ts, "<@" + FakeSlack.BOT_USER + "> facture bloquée")));
        send(callback("Ev036", mention(SUPPORT, REPORTER, ts, null, "facture bloquée")));

        slack.await("chat.postMessage", 1);
        slack.quietFor(Duration.ofMillis(200));
        assertEquals(1, tickets());
        assertTrue(slack.calls("chat.postEphemeral").isEmpty(), "the author did not ask twice");
    }

    @Test
    void the_shortcut_opens_a_ticket_and_a_second_click_answers_with_the_existing_one() {
        String shortcut = createTicketShortcut(AGENT, ELSEWHERE, "1800000000.000500", REPORTER,
                "impossible de me connecter");
        assertEquals(200, pompier.slackSends().interaction(shortcut).statusCode());
        slack.await("chat.postMessage", 1);
        assertEquals(200, pompier.slackSends().interaction(shortcut).statusCode());

        Call ephemeral = slack.await("chat.postEphemeral", 1).get(0);
        assertEquals(AGENT, ephemeral.param("user"));
        assertTrue(ephemeral.param("text").contains("INC-1"), ephemeral.param("text"));
        assertEquals(1, tickets());
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE opened_via = 'shortcut'"
                + " AND reporter = 'UREPORTER' AND opened_by = 'UAGENT001'"));
    }

    @Test
    void a_ticket_reaction_reads_the_message_and_opens_a_ticket_for_its_author() {
        slack.message(ELSEWHERE, "1800000000.000600", REPORTER, "export CSV en erreur 500", null);
        send(callback("Ev040", reaction(AGENT, "ticket", ELSEWHERE, "1800000000.000600", REPORTER)));

        Call card = slack.await("chat.postMessage", 1).get(0);
        assertTrue(card.json("blocks").toString().contains("export CSV en erreur 500"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE opened_via = 'reaction'"
                + " AND reporter = 'UREPORTER' AND report_text = 'export CSV en erreur 500'"));
    }

    @Test
    void other_reactions_open_nothing() {
        send(callback("Ev045", reaction(AGENT, "eyes", ELSEWHERE, "1800000000.000650", REPORTER)));
        slack.quietFor(Duration.ofMillis(200));
        assertEquals(0, tickets());
    }

    @Test
    void a_mention_then_two_reactions_make_one_ticket_and_each_reactor_is_told() {
        String ts = "1800000000.000700";
        slack.message(ELSEWHERE, ts, REPORTER, "le back-office est inaccessible", null);
        send(callback("Ev050", mention(ELSEWHERE, REPORTER, ts, null, "le back-office est inaccessible")));
        slack.await("chat.postMessage", 1);
        send(callback("Ev051", reaction(AGENT, "ticket", ELSEWHERE, ts, REPORTER)));
        send(callback("Ev052", reaction("UAGENT002", "ticket", ELSEWHERE, ts, REPORTER)));

        List<Call> told = slack.await("chat.postEphemeral", 2);
        assertEquals(List.of(AGENT, "UAGENT002"), told.stream().map(c -> c.param("user")).sorted().toList());
        assertEquals(1, tickets());
        assertEquals(1, slack.calls("chat.postMessage").size());
    }

    @Test
    void a_report_that_says_channel_is_echoed_escaped_and_pings_nobody() {
        send(callback("Ev060", message(SUPPORT, REPORTER, "1800000000.000800",
                "<!channel> tout est cassé &amp; <https://evil.example|cliquez ici>")));

        Call card = slack.await("chat.postMessage", 1).get(0);
        String shown = card.json("blocks").toString() + card.param("text");
        assertFalse(shown.contains("<!channel>"), shown);
        assertFalse(shown.contains("<https://evil.example"), shown);
        assertTrue(shown.contains("&lt;!channel&gt;"), shown);
        assertTrue(shown.contains("&amp;"), shown);
    }

    @Test
    void a_rate_limited_card_is_posted_after_retry_after() {
        slack.answerNext("chat.postMessage", Answer.rateLimited(1));
        send(callback("Ev070", message(SUPPORT, REPORTER, "1800000000.000900", "paiement refusé")));

        List<Call> attempts = slack.await("chat.postMessage", 2);
        assertEquals(2, attempts.size());
        slack.await("reactions.add", 1);
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE card_ts IS NOT NULL"));
    }

    @Test
    void a_card_takes_its_turn_in_the_channel_in_memory_on_sqlite_and_in_the_database_the_replicas_share() {
        send(callback("Ev075", message(SUPPORT, REPORTER, "1800000000.000950", "export bloqué")));

        slack.await("chat.postMessage", 1);
        slack.await("reactions.add", 1);
        // One process on a SQLite file keeps the pace alone: no table traffic for it.
        long expected = TestStore.current() == TestStore.POSTGRESQL ? 1 : 0;
        assertEquals(expected, pompier.count("SELECT COUNT(*) FROM channel_pace WHERE channel = '" + SUPPORT + "'"));
        assertEquals(expected, pompier.count("SELECT COUNT(*) FROM channel_pace"));
    }

    @Test
    void a_card_slack_refuses_keeps_the_ticket_and_tells_who_asked_how_to_fix_it() {
        slack.answerNext("chat.postMessage", Answer.error("not_in_channel"));
        send(callback("Ev080", mention(ELSEWHERE, REPORTER, "1800000000.001000", null, "bug")));

        Call dm = slack.await("chat.postMessage", 2).get(1);
        assertEquals(REPORTER, dm.param("channel"));
        assertTrue(dm.param("text").contains("/invite @Pompier"), dm.param("text"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE card_error = 'not_in_channel'"
                + " AND card_due_at IS NULL"));
    }

    @Test
    void a_card_that_failed_on_slack_outage_is_looked_for_then_posted_by_the_sweep_later() {
        slack.answerAlways("chat.postMessage", Answer.serverError());
        send(callback("Ev085", message(SUPPORT, REPORTER, "1800000000.001100", "lenteurs")));
        // A 5xx may come after Slack posted: the post is not repeated blindly, the card stays due.
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE card_error IS NOT NULL AND card_due_at IS NOT NULL", 1);
        assertEquals(1, slack.calls("chat.postMessage").size());

        slack.answerAlways("chat.postMessage", null);
        clock.advance(Duration.ofMinutes(1));
        slack.await("reactions.add", 1);
        Call looked = slack.awaitMatching("conversations.replies", FakeSlack::withMetadata);
        assertEquals("1800000000.001100", looked.param("ts"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE card_ts IS NOT NULL"));
        assertEquals(1, slack.thread(SUPPORT, "1800000000.001100").size(), "one card in the thread");
    }

    @Test
    void a_card_slack_posted_but_whose_answer_was_lost_is_found_and_not_posted_twice() {
        slack.doneButAnsweredOnce(c -> c.method().equals("chat.postMessage"), Answer.serverError());
        send(callback("Ev086", message(SUPPORT, REPORTER, "1800000000.001101", "lenteurs")));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE card_error IS NOT NULL AND card_due_at IS NOT NULL", 1);

        clock.advance(Duration.ofMinutes(1));
        slack.await("reactions.add", 1);
        assertEquals(1, slack.calls("chat.postMessage").size(), "found in the thread, not posted again");
        String card = slack.thread(SUPPORT, "1800000000.001101").get(0).path("ts").asText();
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE card_ts = '" + card + "'"),
                "the ticket points at the card Slack had");
    }

    @Test
    void a_card_that_lands_after_the_next_attempt_looked_for_it_is_deleted_and_the_thread_keeps_one() {
        // As a replica frozen mid-send leaves it: its post lands after the replica that took the card over looked.
        slack.landsLate(c -> c.method().equals("chat.postMessage"), Answer.serverError());
        send(callback("Ev087", message(SUPPORT, REPORTER, "1800000000.001102", "écran blanc")));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE card_error IS NOT NULL AND card_due_at IS NOT NULL", 1);
        assertEquals(0, slack.thread(SUPPORT, "1800000000.001102").size(), "the first post is still on its way");

        clock.advance(Duration.ofMinutes(1));
        slack.await("chat.delete", 1);
        // The call is seen as it comes in, the copy gone once it is done.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (slack.thread(SUPPORT, "1800000000.001102").size() > 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<JsonNode> thread = slack.thread(SUPPORT, "1800000000.001102");
        assertEquals(1, thread.size(), "one card in the thread: " + thread);
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE card_ts = '"
                + thread.get(0).path("ts").asText() + "'"), "the card kept is the one the ticket points at");
    }

    @Test
    void a_restart_keeps_tickets_and_their_numbering() {
        send(callback("Ev090", message(SUPPORT, REPORTER, "1800000000.001200", "premier")));
        slack.await("chat.postMessage", 1);

        pompier.restart();
        send(callback("Ev090", message(SUPPORT, REPORTER, "1800000000.001200", "premier")));
        send(callback("Ev091", message(SUPPORT, REPORTER, "1800000000.001201", "second")));

        Call second = slack.await("chat.postMessage", 2).get(1);
        assertTrue(second.json("blocks").toString().contains("INC-2"));
        assertEquals(2, tickets());
    }
}
