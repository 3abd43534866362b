package app.pompier.slack;

import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.StartupException;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.FakeSocketMode;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pompier in Socket Mode: Slack's requests come over a WebSocket Pompier opened (a local fake of Slack's side),
 * through the same listeners as over HTTP, each envelope acked once with its id.
 */
class SocketModeTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String REPORTER = "UREPORTER";
    static final String CONFIG = """
            tickets: { prefix: INC }
            channels: { watch: ["#support-crm"] }
            """;
    static final Map<String, String> SOCKET_MODE = Map.of("SLACK_APP_TOKEN", FakeSlack.APP_TOKEN,
            "SLACK_SIGNING_SECRET", "", "POMPIER_METRICS_OPEN", "true");

    @TempDir
    Path folder;
    FakeSocketMode slackSide;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        slackSide = FakeSocketMode.start();
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").socketMode(slackSide);
        pompier = new RunningPompier(slack, folder, clock, CONFIG, SOCKET_MODE);
        slackSide.awaitConnections(1);
    }

    @AfterEach
    void stop() {
        if (pompier != null) {
            pompier.close();
        }
        slack.close();
        slackSide.close();
    }

    String report(int n) {
        return slackSide.event(callback("Ev" + n, message(SUPPORT, REPORTER, ts(n), "Je n'arrive pas à créer un contact " + n)));
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    void awaitReady(int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> ready = get("/readyz");
        while (ready.statusCode() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            ready = get("/readyz");
        }
        assertEquals(status, ready.statusCode(), ready.body());
    }

    void assertOneTicketWithOneCard() {
        slack.await("chat.postMessage", 1);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket", 1);
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, slack.calls("chat.postMessage").size());
    }

    @Test
    void a_message_over_socket_mode_opens_one_ticket_posts_its_card_and_is_acked_with_its_envelope_id() {
        String envelope = report(1);

        JsonNode ack = slackSide.awaitAck(envelope);
        assertEquals(envelope, ack.path("envelope_id").asText());
        var card = slack.await("chat.postMessage", 1).get(0);
        assertEquals(SUPPORT, card.param("channel"));
        assertEquals(ts(1), card.param("thread_ts"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket", 1);
        assertEquals(1, slackSide.acksOf(envelope));
        assertTrue(slackSide.unreadable().isEmpty(), slackSide.unreadable().toString());
        awaitReady(200);
    }

    @Test
    void an_envelope_slack_delivers_again_gives_one_ticket_and_each_delivery_is_acked_once() {
        String body = callback("Ev7", message(SUPPORT, REPORTER, ts(7), "Page blanche après connexion"));
        String first = slackSide.event(body);
        String again = slackSide.retriedEvent(body, 1);

        slackSide.awaitAck(first);
        slackSide.awaitAck(again);
        assertOneTicketWithOneCard();
        assertEquals(1, slackSide.acksOf(first));
        assertEquals(1, slackSide.acksOf(again));
    }

    @Test
    void an_envelope_the_store_could_not_record_is_not_acked_and_its_redelivery_gives_one_ticket() throws Exception {
        String body = callback("Ev8", message(SUPPORT, REPORTER, ts(8), "Login KO"));
        // The store refuses the intake's write (as a full disk or a broken file would): SQLite's own error.
        pompier.execute("ALTER TABLE slack_delivery RENAME TO slack_delivery_away");
        String first = slackSide.event(body);
        String retryLater = "outcome=\"retry_later\",transport=\"socket_mode\"";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!get("/metrics").body().contains(retryLater) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(get("/metrics").body().contains(retryLater), "the store's refusal was not reached in 10 s");
        pompier.execute("ALTER TABLE slack_delivery_away RENAME TO slack_delivery");
        assertEquals(0, slackSide.acksOf(first), "not acked: Slack delivers it again");
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM ticket"));

        String again = slackSide.retriedEvent(body, 1);

        slackSide.awaitAck(again);
        assertOneTicketWithOneCard();
        assertEquals(0, slackSide.acksOf(first));
    }

    @Test
    void a_qualify_click_over_socket_mode_opens_the_qualification_dialog() {
        slackSide.awaitAck(report(2));
        slack.await("chat.postMessage", 1);

        String click = slackSide.interaction(buttonClick(REPORTER, SUPPORT, ts(2), CardBlocks.QUALIFY_ACTION, "INC-1"));

        slackSide.awaitAck(click);
        JsonNode view = slack.await("views.open", 1).get(0).json("view");
        assertEquals(QualificationDialog.CALLBACK_ID, view.path("callback_id").asText());
        assertEquals(1, slackSide.acksOf(click));
    }

    @Test
    void a_slash_command_is_answered_in_its_ack_payload() {
        slackSide.awaitAck(report(3));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket", 1);

        String command = slackSide.command(slashCommand(REPORTER, SUPPORT, "/ticket", "show INC-1"));

        JsonNode ack = slackSide.awaitAck(command);
        assertTrue(ack.path("payload").toString().contains("INC-1"), ack.toString());
        String unknown = slackSide.command(slashCommand(REPORTER, SUPPORT, "/ticket", "show INC-99"));
        assertTrue(slackSide.awaitAck(unknown).path("payload").toString().contains("INC-99 does not exist"));
    }

    @Test
    void after_slack_asks_to_disconnect_pompier_moves_to_a_new_connection_and_loses_no_envelope() {
        slackSide.awaitAck(report(1));

        slackSide.disconnect();
        slackSide.awaitConnections(2);
        String after = report(2);

        slackSide.awaitAck(after);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket", 2);
        slack.await("chat.postMessage", 2);
        assertEquals(1, slackSide.acksOf(after));
        assertEquals(2, slackSide.allAcks().size(), slackSide.allAcks().toString());
        awaitReady(200);
    }

    @Test
    void a_dropped_connection_makes_readyz_say_so_until_pompier_has_reconnected() {
        awaitReady(200);
        slack.answerAlways("apps.connections.open", Answer.serverError());

        slackSide.drop();

        awaitReady(503);
        assertTrue(get("/readyz").body().contains("slack_socket_mode"), get("/readyz").body());
        slack.await("apps.connections.open", 2); // one refused while Slack was away: Pompier backs off and retries
        slack.answerAlways("apps.connections.open", null);
        slackSide.awaitConnections(2);
        awaitReady(200);
        String after = report(4);
        slackSide.awaitAck(after);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket", 1);
    }

    @Test
    void without_a_signing_secret_slack_events_over_http_are_refused_with_the_reason() {
        HttpResponse<String> refused = pompier.slackSends().event(callback("Ev9",
                message(SUPPORT, REPORTER, ts(9), "par HTTP")));

        assertEquals(404, refused.statusCode());
        assertTrue(refused.body().contains("Socket Mode"), refused.body());
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM ticket"));
    }

    @Test
    void a_refused_app_token_stops_the_start_and_says_how_to_fix_it() {
        pompier.close();
        pompier = null;

        StartupException wrong = assertThrows(StartupException.class, () -> new RunningPompier(slack, folder, clock,
                CONFIG, Map.of("SLACK_APP_TOKEN", "xapp-1-revoked", "SLACK_SIGNING_SECRET", "")));
        assertTrue(wrong.getMessage().contains("SLACK_APP_TOKEN") && wrong.getMessage().contains("connections:write"),
                wrong.getMessage());

        slack.socketMode(null);
        StartupException off = assertThrows(StartupException.class, () -> new RunningPompier(slack, folder, clock,
                CONFIG, SOCKET_MODE));
        assertTrue(off.getMessage().contains("socket_mode_not_enabled") && off.getMessage().contains("Socket Mode"),
                off.getMessage());
    }
}
