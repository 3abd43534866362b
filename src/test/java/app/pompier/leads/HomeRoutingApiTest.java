package app.pompier.leads;

import app.pompier.leads.slack.LeadCommands;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HomeRoutingApiTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String ERP = "C0SUPPERP";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String TOKEN = "api-token-for-tests-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(ERP, "support-erp")
                .userGroup("S0LEADS01", "support-leads", LEAD)
                .userGroup("S0DBA0001", "dba", "UDBA00001", "UDBA00002", "UDBA00003");
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm, support-erp] }
                roles: { lead_group: support-leads }
                routing:
                  categories: { database: dba }
                """, Map.of("POMPIER_API_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }


    void report(int n, String channel, String claimed, String category) {
        int cards = slack.calls("reactions.add").size();
        pompier.slackSends().event(callback("Ev" + n, message(channel, REPORTER, ts(n), "Problème " + n)));
        slack.await("reactions.add", cards + 1);
        Form form = new Form().text("steps", "1. Ouvrir").text("location", "/page").text("error_message", "Erreur")
                .radio("reach", "several_users").select("impact", "function").radio("reproducible", "always")
                .radio("workaround", "yes").text("workaround_text", "à la main");
        if (claimed != null) {
            form.select("claimed", claimed);
        }
        if (category != null) {
            form.select("category", category);
        }
        pompier.qualify(REPORTER, channel, ts(n), "INC-" + n, "V" + n, form);
        awaitCount("SELECT COUNT(*) FROM ticket WHERE number = " + n + " AND sla_dirty = 0 AND priority IS NOT NULL", 1);
    }

    void awaitCount(String sql, long expected) {
        pompier.awaitCount(sql, expected);
    }

    HttpResponse<String> api(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_rotation_gives_tickets_in_turn_and_skips_nobody() {
        for (int n = 1; n <= 4; n++) {
            report(n, SUPPORT, null, "database");
            awaitCount("SELECT COUNT(*) FROM ticket WHERE number = " + n + " AND assignee IS NOT NULL", 1);
        }
        assertEquals("[{assignee=UDBA00001}, {assignee=UDBA00002}, {assignee=UDBA00003}, {assignee=UDBA00001}]",
                pompier.dump("SELECT assignee FROM ticket ORDER BY number"));
        Call told = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith("<@UDBA00002>, *INC-2* (database) is yours, by rotation."));
        assertEquals(ts(2), told.param("thread_ts"));
    }

    @Test
    void a_ticket_without_category_is_routed_once_a_lead_sets_it() throws Exception {
        report(1, SUPPORT, null, null);
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE assignee IS NULL"));
        var answer = pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "category INC-1 database"));
        assertEquals("INC-1 is now in database.", JSON.readTree(answer.body()).path("text").asText());
        awaitCount("SELECT COUNT(*) FROM ticket WHERE assignee = 'UDBA00001'", 1);
    }

    @Test
    void app_home_shows_a_reporter_their_tickets_and_a_lead_the_queue_and_p1_inflation() {
        report(1, SUPPORT, "P1", null);
        report(2, ERP, null, null);
        pompier.slackSends().event(callback("EvH1", JSON.createObjectNode().put("type", "app_home_opened")
                .put("user", REPORTER).put("channel", "D0REPORTR").put("tab", "home").put("event_ts", "1800000100.1")));
        Call reporterHome = slack.awaitMatching("views.publish", c -> REPORTER.equals(c.param("user_id")));
        String home = reporterHome.json("view").toString();
        assertTrue(home.contains("Your tickets") && home.contains("INC-1") && home.contains("INC-2"), home);
        assertTrue(!home.contains("P1 inflation"), "a reporter does not see the leads' panel");

        pompier.slackSends().event(callback("EvH2", JSON.createObjectNode().put("type", "app_home_opened")
                .put("user", LEAD).put("channel", "D0LEAD001").put("tab", "home").put("event_ts", "1800000100.2")));
        String leadHome = slack.awaitMatching("views.publish", c -> LEAD.equals(c.param("user_id"))).json("view")
                .toString();
        assertTrue(leadHome.contains("Queue") && leadHome.contains("Unassigned"), leadHome);
        assertTrue(leadHome.indexOf("*INC-1* · P1") < leadHome.indexOf("*INC-2* · P2"), "P1s first");
        assertTrue(leadHome.contains("<#C0SUPPORT> · claimed P1 1 · confirmed P1 0"), leadHome);
    }

    @Test
    void inflation_figures_count_claims_confirmations_and_downgrades_per_channel() throws Exception {
        report(1, SUPPORT, "P1", null);
        report(2, SUPPORT, "P1", null);
        report(3, ERP, "P1", null);
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "downgrade INC-1 P2 contournement"));
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "downgrade INC-2 P2 contournement"));
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "confirm INC-3"));
        awaitCount("SELECT COUNT(*) FROM downgrade_proposal", 2);
        long first = pompier.count("SELECT id FROM downgrade_proposal WHERE ticket_id = 1");
        long second = pompier.count("SELECT id FROM downgrade_proposal WHERE ticket_id = 2");
        pompier.slackSends().interaction(buttonClick(REPORTER, SUPPORT, ts(1), LeadCommands.ACCEPT_ACTION, "" + first));
        pompier.slackSends().interaction(buttonClick(REPORTER, SUPPORT, ts(2), LeadCommands.KEEP_ACTION, "" + second));
        awaitCount("SELECT COUNT(*) FROM downgrade_proposal WHERE answer IS NOT NULL", 2);
        awaitCount("SELECT COUNT(*) FROM ticket WHERE priority = 'P1' AND priority_confirmed = 1", 1);

        JsonNode stats = JSON.readTree(api("/api/stats?days=30", TOKEN).body());
        JsonNode support = null;
        JsonNode erp = null;
        for (JsonNode row : stats.path("p1_inflation")) {
            if (row.path("channel").asText().equals(SUPPORT)) {
                support = row;
            } else if (row.path("channel").asText().equals(ERP)) {
                erp = row;
            }
        }
        assertEquals(2, support.path("claimedP1").asLong(), stats.toString());
        assertEquals(0, support.path("confirmedP1").asLong());
        assertEquals(2, support.path("downgradesProposed").asLong());
        assertEquals(1, support.path("downgradesAccepted").asLong());
        assertEquals(1, support.path("downgradesRefused").asLong());
        assertEquals(1, erp.path("confirmedP1").asLong());
        assertEquals(3, stats.path("counts").path("open").asLong());
    }

    @Test
    void the_api_wants_the_bearer_token_and_serves_tickets_with_their_timeline() throws Exception {
        report(1, SUPPORT, null, null);
        assertEquals(401, api("/api/tickets", null).statusCode());
        assertEquals(401, api("/api/tickets", "wrong-token-0123456789").statusCode());

        JsonNode list = JSON.readTree(api("/api/tickets?priority=P2", TOKEN).body());
        assertEquals("INC-1", list.path("tickets").get(0).path("id").asText());
        assertEquals(0, JSON.readTree(api("/api/tickets?priority=P1", TOKEN).body()).path("tickets").size());
        assertEquals(400, api("/api/tickets?state=lost", TOKEN).statusCode());
        JsonNode one = JSON.readTree(api("/api/tickets/INC-1", TOKEN).body());
        assertEquals("created", one.path("timeline").get(0).path("kind").asText());
        assertTrue(one.path("sla").has("take_in"), one.toString());
        assertEquals(404, api("/api/tickets/INC-9", TOKEN).statusCode());
    }
}
