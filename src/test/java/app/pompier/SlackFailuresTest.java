package app.pompier;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.reaction;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Web API method Pompier uses fails once (429, 500 or ok:false) on the way from a report to its
 * crisis cell and its first SLA reminder: the work still completes, nothing is lost or doubled.
 */
class SlackFailuresTest {
    static final List<String> METHODS = List.of("conversations.replies", "chat.getPermalink", "chat.postMessage",
            "reactions.add", "chat.update", "conversations.create", "conversations.invite", "conversations.setTopic",
            "pins.add", "bookmarks.add");
    static final String SUPPORT = "C0SUPPORT";
    static final String TS = "1800000000.000100";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    @ParameterizedTest(name = "every method first answers {0}")
    @ValueSource(strings = {"429", "500", "ok:false"})
    void a_report_still_becomes_a_ticket_a_card_a_crisis_cell_and_a_reminder(String failure) {
        MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(ZoneId.of("Europe/Paris"))
                .toInstant());
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").userGroup("S0LEADS01", "support-leads", "ULEAD0001")
                .message(SUPPORT, TS, "UREPORTER", "Impossible de se connecter", null);
        pompier = new RunningPompier(slack, folder, clock, "roles: { lead_group: support-leads }\n");
        for (String method : METHODS) {
            slack.answerNext(method, switch (failure) {
                case "429" -> Answer.rateLimited(0);
                case "500" -> Answer.serverError();
                default -> Answer.error("internal_error");
            });
        }

        pompier.slackSends().event(callback("Ev1", reaction("UAGENT001", "ticket", SUPPORT, TS, "UREPORTER")));
        awaitWhileMovingTime(clock, "SELECT COUNT(*) FROM ticket WHERE card_ts IS NOT NULL");
        pompier.qualify("UREPORTER", SUPPORT, TS, "INC-1", "V1", new Form().text("steps", "1. Connexion")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        awaitWhileMovingTime(clock, "SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'");
        awaitWhileMovingTime(clock, "SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'");

        assertTrue(slack.createdChannels().size() == 1, "one cell: " + slack.createdChannels());
        assertTrue(pompier.count("SELECT COUNT(*) FROM crisis_step WHERE done = 0") == 0,
                pompier.dump("SELECT * FROM crisis_step"));
        assertTrue(pompier.count("SELECT COUNT(*) FROM ticket") == 1);
    }

    /** Waits for a count of one, moving the clock a minute at a time so that retries and reminders fall due. */
    private void awaitWhileMovingTime(MutableClock clock, String sql) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && pompier.count(sql) < 1) {
            clock.advance(Duration.ofMinutes(1));
            slack.quietFor(Duration.ofMillis(150));
        }
        assertTrue(pompier.count(sql) >= 1, sql + " never came: " + pompier.dump("SELECT * FROM crisis_cell")
                + pompier.dump("SELECT id, card_ts, card_error, card_due_at FROM ticket"));
    }
}
