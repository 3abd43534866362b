package app.pompier.qualification;

import app.pompier.outage.slack.OutageWords;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One person cannot open crisis cells at will: past 3 P1s of their own in an hour, the leads confirm the next. */
class SelfConfirmedP1sTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads }
                # Each report is a P1 of its own here, not a report of the one before.
                grouping: { enabled: false }
                """);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    /** A report by the reporter, qualified by {@code by} as the policy's P1 (cannot log in, no workaround). */
    void p1(int n, String by) {
        int cards = slack.calls("reactions.add").size();
        pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, REPORTER, ts(n), "Connexion impossible " + n)));
        slack.await("reactions.add", cards + 1);
        pompier.qualify(by, SUPPORT, ts(n), "INC-" + n, "V" + n, new Form().text("steps", "1. Se connecter")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE number = " + n + " AND priority = 'P1'", 1);
    }

    long cells() {
        return pompier.count("SELECT COUNT(*) FROM crisis_cell");
    }

    @Test
    void past_three_p1s_of_their_own_in_an_hour_a_reporters_next_p1_waits_for_a_lead_who_confirms_it() {
        for (int n = 1; n <= 3; n++) {
            p1(n, REPORTER);
        }
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell", 3);
        pompier.restart();

        p1(4, REPORTER);
        Call toLeads = slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel"))
                && c.param("text").contains("*INC-4*"));
        assertTrue(toLeads.param("text").contains("the policy gives *P1* (P1: 'log in' unusable for all customers, no"
                + " workaround), but <@UREPORTER> confirmed 3 P1s in the last hour (3 at most), so it stands"
                + " unconfirmed, without a crisis cell."), toLeads.param("text"));
        assertTrue(toLeads.param("blocks").contains(OutageWords.CONFIRM_PROBABLE_P1_ACTION), toLeads.param("blocks"));
        Call toReporter = slack.awaitMatching("chat.postMessage", c -> ts(4).equals(c.param("thread_ts"))
                && c.param("text").contains("reads as a P1"));
        assertTrue(toReporter.param("text").contains("you confirmed 3 P1s in the last hour: a support lead confirms"
                + " this one before its crisis cell opens"), toReporter.param("text"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE number = 4 AND priority_confirmed = 0"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'priority' AND detail LIKE"
                + " '%unconfirmed: the reporter confirmed 3 P1s in the last hour, a lead confirms this one'"));
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(3, cells(), "no cell for the fourth");

        pompier.slackSends().interaction(buttonClick(LEAD, LEADS, null, OutageWords.CONFIRM_PROBABLE_P1_ACTION,
                "INC-4"));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell", 4);
        assertEquals("INC-4 is a confirmed P1: its crisis cell opens.", slack.awaitMatching("chat.postEphemeral",
                c -> LEAD.equals(c.param("user"))).param("text"));

        p1(5, AGENT);
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell", 5);
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE number = 5 AND priority_confirmed = 1"),
                "support qualifies for the team: not counted");

        clock.advance(Duration.ofMinutes(61));
        p1(6, REPORTER);
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell", 6);
        assertEquals(4, pompier.count("SELECT COUNT(*) FROM self_confirmed_p1 WHERE reporter = 'UREPORTER'"));
    }
}
