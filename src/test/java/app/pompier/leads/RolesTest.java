package app.pompier.leads;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.subteamMembersChanged;
import static app.pompier.testing.SlackPayloads.subteamUpdated;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who is support or a lead, as Slack's user groups say, read in the background: a change in Slack counts at once,
 * a role check never waits on Slack, and a group Slack cannot give for an hour counts nobody.
 */
class RolesTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String NEW_LEAD = "ULEAD0002";
    static final String AGENT = "UAGENT001";
    static final String LEADS = "S0LEADS01";
    static final ObjectMapper JSON = new ObjectMapper();
    /** A lead's answer to {@code /ticket confirm} on a P2 (a refusal that changes nothing); anyone else's. */
    static final String AS_LEAD = "INC-1 is not a P1";
    static final String NOT_A_LEAD = "only support leads confirm a P1";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup(LEADS, "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_group: support-leads }
                """, Map.of("POMPIER_METRICS_OPEN", "true"));
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, ts(1), "Export impossible")));
        slack.await("reactions.add", 1);
        pompier.qualify(REPORTER, SUPPORT, ts(1), "INC-1", "V1", new Form().text("steps", "1. Exporter")
                .text("location", "/exports").text("error_message", "Erreur").radio("reach", "all_customers")
                .select("impact", "function").radio("reproducible", "always").radio("workaround", "yes")
                .text("workaround_text", "exporter à la main"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE priority = 'P2'", 1);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    String command(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode());
        try {
            return JSON.readTree(response.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    /** Asks until the answer matches, for what Pompier does after Slack's event was acked; fails after 10 s. */
    String awaitAnswer(String user, String text, Predicate<String> matching) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String answer = command(user, text);
        while (!matching.test(answer) && System.nanoTime() < deadline) {
            slack.quietFor(Duration.ofMillis(20));
            answer = command(user, text);
        }
        assertTrue(matching.test(answer), answer);
        return answer;
    }

    String metrics() {
        return pompier.slackSends().get("/metrics").body();
    }

    long membersRead(String group) {
        return slack.calls("usergroups.users.list").stream().filter(c -> group.equals(c.param("usergroup"))).count();
    }

    @Test
    void a_lead_removed_in_slack_loses_their_powers_as_soon_as_slack_says_the_group_changed() {
        assertTrue(command(LEAD, "confirm INC-1").contains(AS_LEAD));
        long supportReads = membersRead("S0SUPPORT");

        slack.userGroup(LEADS, "support-leads", NEW_LEAD);
        pompier.slackSends().event(callback("EvG1", subteamMembersChanged(LEADS, List.of(NEW_LEAD), List.of(LEAD))));

        awaitAnswer(LEAD, "confirm INC-1", a -> a.contains(NOT_A_LEAD));
        assertTrue(command(NEW_LEAD, "confirm INC-1").contains(AS_LEAD));
        assertEquals(supportReads, membersRead("S0SUPPORT"), "only the group that changed is read again");

        // subteam_updated, which Slack also sends when members change, is heard the same way.
        slack.userGroup(LEADS, "support-leads", NEW_LEAD, LEAD);
        pompier.slackSends().event(callback("EvG2", subteamUpdated(LEADS, "support-leads", List.of(NEW_LEAD, LEAD))));
        awaitAnswer(LEAD, "confirm INC-1", a -> a.contains(AS_LEAD));
    }

    @Test
    void role_checks_never_ask_slack_however_old_the_members_read() {
        clock.advance(Duration.ofMinutes(50));
        long reads = slack.calls("usergroups.users.list").size();

        assertTrue(command(LEAD, "confirm INC-1").contains(AS_LEAD));
        assertTrue(command(AGENT, "confirm INC-1").contains(NOT_A_LEAD));
        assertTrue(command(REPORTER, "state INC-1 in_progress").contains("only members of support"));

        assertEquals(reads, slack.calls("usergroups.users.list").size(), "no Slack call inside an ack");
    }

    @Test
    void while_slack_cannot_say_who_leads_the_last_members_stand_an_hour_then_nobody_leads() {
        slack.answerAlways("usergroups.users.list", Answer.error("fatal_error"));
        int reads = slack.calls("usergroups.users.list").size();
        pompier.slackSends().event(callback("EvG1", subteamMembersChanged(LEADS, List.of(), List.of())));
        slack.await("usergroups.users.list", reads + 1);

        clock.advance(Duration.ofMinutes(59));
        assertTrue(command(LEAD, "confirm INC-1").contains(AS_LEAD), "the last members read still stand");
        assertTrue(metrics().contains("pompier_user_group_unknown{group=\"S0LEADS01\",role=\"leads\"} 0"), metrics());

        clock.advance(Duration.ofMinutes(2));
        awaitAnswer(LEAD, "confirm INC-1", a -> a.contains(NOT_A_LEAD));
        String metrics = metrics();
        assertTrue(metrics.contains("pompier_user_group_unknown{group=\"S0LEADS01\",role=\"leads\"} 1"), metrics);
        assertTrue(metrics.contains("pompier_user_group_unknown{group=\"S0SUPPORT\",role=\"support\"} 0"),
                "a group Slack did not fail to give keeps its members: " + metrics);
        assertTrue(command(AGENT, "state INC-1 in_progress").contains("is now in progress"));

        slack.answerAlways("usergroups.users.list", null);
        pompier.slackSends().event(callback("EvG2", subteamMembersChanged(LEADS, List.of(), List.of())));
        awaitAnswer(LEAD, "confirm INC-1", a -> a.contains(AS_LEAD));
        assertTrue(metrics().contains("pompier_user_group_unknown{group=\"S0LEADS01\",role=\"leads\"} 0"));
    }

    @Test
    void a_group_slack_never_gave_counts_nobody() throws Exception {
        pompier.stop();
        slack.answerAlways("usergroups.users.list", Answer.error("fatal_error"));
        pompier.startAgain();

        assertTrue(command(LEAD, "confirm INC-1").contains(NOT_A_LEAD));
        JsonNode ready = JSON.readTree(pompier.slackSends().get("/readyz").body());
        assertEquals("ready", ready.path("status").asText(), "Pompier serves; the metric says why leads are refused");
        assertTrue(metrics().contains("pompier_user_group_age_seconds{group=\"S0LEADS01\",role=\"leads\"} -1"),
                metrics());
    }
}
