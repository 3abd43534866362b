package app.pompier.ops;

import app.pompier.ops.slack.OpsDesk;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsDeskTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String OPS = "C0OPSCAL1";
    static final String PORTAL_OWNER = "UOPS00001";
    static final String BILLING_OWNER = "UBILL0001";
    static final String LEAD = "ULEAD0001";
    static final String TOKEN = "ops-token-for-tests-0123456789";
    static final String CALENDAR_TOKEN = "calendar-only-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(OPS, "ops-calendar")
                .users(PORTAL_OWNER, BILLING_OWNER, "UMARKETNG").userWhoLeft("UFORMER01")
                .userGroup("S0LEADS01", "support-leads", LEAD).userGroup("S0OPSTEAM", "ops-team", "UOPSTEAM1");
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { lead_group: support-leads }
                ops:
                  channel: ops-calendar
                  owners: [UOPS00001, "@ops-team"]
                  announce_days_before: 3
                  components:
                    customer_portal: [espace client, customer portal, portail]
                    billing: [facturation]
                """, Map.of("POMPIER_API_TOKEN", TOKEN, "POMPIER_CALENDAR_TOKEN", CALENDAR_TOKEN));
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port()
                        + path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port() + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void moveTo(String local) {
        clock.advance(Duration.between(clock.instant(), LocalDateTime.parse(local).atZone(PARIS).toInstant()));
    }

    /** The seed's case: the portal closed 48 h from Saturday 08:00, weekly; the bills sent that Saturday 06:00. */
    void declareTheSeedsCase() throws Exception {
        assertEquals(201, post("/api/ops/maintenances", """
                {"component": "portail", "start": "2026-11-28T08:00", "end": "2026-11-30T08:00",
                 "recurrence": "weekly", "unavailable": "the whole customer portal", "owner": "UOPS00001"}
                """).statusCode());
        var operation = post("/api/ops/operations", """
                {"name": "bi-monthly invoice send", "start": "2026-11-28T06:00", "components": ["espace client"],
                 "tail_hours": 72, "recurrence": "every 2 months", "owner": "UBILL0001"}
                """);
        assertEquals(201, operation.statusCode(), operation.body());
        JsonNode collisions = JSON.readTree(operation.body()).path("collisions");
        assertEquals("2026-11-28T07:00:00Z", collisions.get(0).path("overlap_start").asText(), operation.body());
        assertEquals("2026-11-30T07:00:00Z", collisions.get(0).path("overlap_end").asText());
        assertEquals(4, collisions.size(), "a weekly maintenance meets a send every two months 4 times a year");
    }

    @Test
    void the_seeds_collision_is_told_to_both_owners_and_the_ops_channel_with_a_free_window() throws Exception {
        declareTheSeedsCase();
        for (String to : List.of(PORTAL_OWNER, BILLING_OWNER, OPS)) {
            Call warning = slack.awaitMatching("chat.postMessage", c -> to.equals(c.param("channel"))
                    && c.param("text").startsWith(":warning: Collision"));
            String text = warning.param("text");
            assertTrue(text.contains("maintenance of the *espace client* (Sat 08:00 → Mon 30 Nov 08:00"), text);
            assertTrue(text.contains("*bi-monthly invoice send*"), text);
            assertTrue(text.contains("Nearest windows of the same length that collide with nothing: Thu 06:00 → Sat 06:00"),
                    text);
            assertTrue(text.contains("It collides again: Sat 30 Jan 08:00"), text);
        }
    }

    @Test
    void a_ticket_about_the_portal_during_the_maintenance_gets_the_answer_and_the_owner_the_count() throws Exception {
        declareTheSeedsCase();
        moveTo("2026-11-28T10:00");
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, "UREPORTER", "1800000000.000100",
                "je n'arrive pas à payer ma facture sur l'espace client")));

        Call answer = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith(":construction:"));
        assertEquals("1800000000.000100", answer.param("thread_ts"));
        assertTrue(answer.param("text").contains("The *espace client* is under planned maintenance until Mon 08:00"),
                answer.param("text"));
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket"), "the ticket is still created");

        moveTo("2026-11-30T09:00");
        Call count = slack.awaitMatching("chat.postMessage", c -> PORTAL_OWNER.equals(c.param("channel"))
                && c.param("text").startsWith(":bar_chart:"));
        assertTrue(count.param("text").contains("1 ticket(s) named it"), count.param("text"));
    }

    @Test
    void an_upcoming_collision_is_announced_again_days_before_once() throws Exception {
        declareTheSeedsCase();
        slack.quietFor(Duration.ofMillis(1500));
        assertEquals(0, reminders());
        moveTo("2026-11-25T12:00");
        slack.awaitMatching("chat.postMessage", c -> OPS.equals(c.param("channel"))
                && c.param("text").startsWith(":warning: Reminder — in 3 days or less"));
        slack.quietFor(Duration.ofMillis(1500));
        assertEquals(3, reminders(), "both owners and the channel, once");
        assertEquals(3, slack.calls("chat.postMessage").stream().filter(c -> c.param("text") != null
                && c.param("text").startsWith(":warning: Collision")).count(), "one warning each at declaration");
    }

    long reminders() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.param("text") != null
                && c.param("text").startsWith(":warning: Reminder")).count();
    }

    @Test
    void declaring_wrong_times_components_or_recurrences_says_what_to_fix() throws Exception {
        var wrong = post("/api/ops/maintenances", """
                {"component": "intranet", "start": "2026-11-28T08:00", "end": "2026-11-27T08:00",
                 "recurrence": "monthly", "owner": "UOPS00001"}
                """);
        assertEquals(400, wrong.statusCode());
        JsonNode errors = JSON.readTree(wrong.body()).path("errors");
        assertTrue(errors.path("component").asText().contains("known: billing, customer_portal"), errors.toString());
        assertTrue(errors.path("end").asText().contains("The end is before the start"), errors.toString());
        var impossible = post("/api/ops/operations", """
                {"name": "relevés", "start": "2026-01-31T06:00", "components": ["facturation"],
                 "recurrence": "monthly", "owner": "UBILL0001"}
                """);
        assertTrue(JSON.readTree(impossible.body()).path("errors").path("recurrence").asText()
                .contains("start on day 28 or earlier"), impossible.body());
        assertEquals(400, post("/api/ops/maintenances", "{not json").statusCode());

        pompier.slackSends().command(slashCommand(PORTAL_OWNER, SUPPORT, "/ops", "maintenance"));
        JsonNode dialog = slack.await("views.open", 1).get(0).json("view");
        assertEquals(OpsDesk.MAINTENANCE_DIALOG, dialog.path("callback_id").asText());
        long start = LocalDateTime.parse("2026-11-28T08:00").atZone(PARIS).toEpochSecond();
        Form form = new Form().select("component", "customer_portal").select("recurrence", "once");
        var submitted = pompier.slackSends().interaction(viewSubmission(PORTAL_OWNER, "VOPS1", OpsDesk.MAINTENANCE_DIALOG,
                "", form.dateTime("start", start).dateTime("end", start - 3600)));
        JsonNode body = JSON.readTree(submitted.body());
        assertEquals("errors", body.path("response_action").asText());
        assertTrue(body.path("errors").path("end").asText().contains("before the start"), body.toString());
    }

    @Test
    void only_the_ops_owners_and_the_leads_declare_a_maintenance_and_anyone_else_is_told_who_can() throws Exception {
        var refused = JSON.readTree(pompier.slackSends().command(slashCommand("UMARKETNG", SUPPORT, "/ops",
                "maintenance")).body());
        assertEquals("Only the ops owners (<@UOPS00001>, <!subteam^S0OPSTEAM>) and the leads (<!subteam^S0LEADS01>)"
                + " declare maintenance windows: during one, Pompier answers every ticket about its component"
                + " \"planned maintenance\". Ask one of them; business operations (`/ops operation`) are open to"
                + " everyone.", refused.path("text").asText());
        assertEquals(0, slack.calls("views.open").size(), "no dialog");

        // A dialog is submitted by whoever has it open: the submission is checked too.
        long start = LocalDateTime.parse("2026-11-28T08:00").atZone(PARIS).toEpochSecond();
        var submitted = JSON.readTree(pompier.slackSends().interaction(viewSubmission("UMARKETNG", "VOPS9",
                OpsDesk.MAINTENANCE_DIALOG, "", new Form().select("component", "customer_portal")
                        .select("recurrence", "once").dateTime("start", start).dateTime("end", start + 7200))).body());
        assertEquals("Only the ops owners and the leads declare maintenance windows.",
                submitted.path("errors").path("component").asText(), submitted.toString());
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM maintenance_window"));

        for (String user : List.of(PORTAL_OWNER, "UOPSTEAM1", LEAD)) {
            int views = slack.calls("views.open").size();
            pompier.slackSends().command(slashCommand(user, SUPPORT, "/ops", "maintenance"));
            assertEquals(OpsDesk.MAINTENANCE_DIALOG, slack.await("views.open", views + 1).get(views).json("view")
                    .path("callback_id").asText(), user + " may");
        }
        int views = slack.calls("views.open").size();
        pompier.slackSends().command(slashCommand("UMARKETNG", SUPPORT, "/ops", "operation"));
        assertEquals(OpsDesk.OPERATION_DIALOG, slack.await("views.open", views + 1).get(views).json("view")
                .path("callback_id").asText(), "business operations are anyone's");
        var declared = pompier.slackSends().interaction(viewSubmission("UOPSTEAM1", "VOPS1", OpsDesk.MAINTENANCE_DIALOG,
                "", new Form().select("component", "customer_portal").select("recurrence", "once")
                        .dateTime("start", start).dateTime("end", start + 7200)));
        assertEquals("", declared.body(), "declared");
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM maintenance_window WHERE owner = 'UOPSTEAM1'"));
    }

    @Test
    void a_script_names_an_owner_the_workspace_has_or_is_told_what_is_wrong() throws Exception {
        String declare = """
                {"component": "portail", "start": "2026-12-05T08:00", "end": "2026-12-05T10:00",
                 "recurrence": "once", "owner": "%s"}
                """;
        Map<String, String> wrong = Map.of(
                "bob", "'bob' is not a Slack user id (U0123ABCD: profile > ⋮ > Copy member ID) or channel id",
                "U0NOBODY1", "No person of this workspace has the id U0NOBODY1 (Slack: user_not_found)",
                "UFORMER01", "UFORMER01 has left the workspace",
                "C0NOTSEEN", "No channel Pompier can see has the id C0NOTSEEN (Slack: channel_not_found)",
                "", "Give the owner, told of collisions: a Slack user id (U0123ABCD) or channel id (C0123ABCD).");
        for (var owner : wrong.entrySet()) {
            var refused = post("/api/ops/maintenances", declare.formatted(owner.getKey()));
            assertEquals(400, refused.statusCode(), refused.body());
            String error = JSON.readTree(refused.body()).path("errors").path("owner").asText();
            assertTrue(error.startsWith(owner.getValue()), owner.getKey() + ": " + error);
        }
        var missing = post("/api/ops/operations", """
                {"name": "relance", "start": "2026-12-05T06:00", "components": ["facturation"], "recurrence": "once"}
                """);
        assertTrue(JSON.readTree(missing.body()).path("errors").path("owner").asText().startsWith("Give the owner"),
                missing.body());
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM maintenance_window")
                + pompier.count("SELECT COUNT(*) FROM business_operation"));

        assertEquals(201, post("/api/ops/maintenances", declare.formatted(OPS)).statusCode(), "a channel owns it");
        assertEquals(201, post("/api/ops/maintenances", declare.formatted("UMARKETNG")).statusCode(),
                "a script with the API token is the team's own: anyone it names owns it");
    }

    @Test
    void the_ics_feed_parses_back_and_wants_the_token() throws Exception {
        declareTheSeedsCase();
        assertEquals(401, get("/ops/calendar.ics", null).statusCode());
        var feed = get("/ops/calendar.ics?token=" + CALENDAR_TOKEN, null);
        assertEquals(200, feed.statusCode());
        assertTrue(feed.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
        Calendar parsed = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = parsed.getComponents("VEVENT");
        assertTrue(events.stream().anyMatch(e -> e.getSummary().getValue().equals("Maintenance: espace client")));
        assertTrue(events.stream().anyMatch(e -> e.getSummary().getValue().equals("bi-monthly invoice send")));
        assertTrue(events.size() >= 52, "a year of weekly maintenances: " + events.size());
    }

    @Test
    void the_feed_takes_its_own_read_only_token_in_its_url_and_never_the_api_token() throws Exception {
        declareTheSeedsCase();

        var apiInUrl = get("/ops/calendar.ics?token=" + TOKEN, null);
        assertEquals(401, apiInUrl.statusCode());
        assertTrue(apiInUrl.body().contains("the API token is never accepted in a URL")
                && apiInUrl.body().contains("/ops/calendar.ics?token=<POMPIER_CALENDAR_TOKEN>"), apiInUrl.body());
        var wrong = get("/ops/calendar.ics?token=calendar-only-0123456789abcdeX", null);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong calendar token"), wrong.body());
        assertTrue(get("/ops/calendar.ics", null).body().contains("?token=<POMPIER_CALENDAR_TOKEN>"));
        assertEquals(401, get("/ops/calendar.ics", CALENDAR_TOKEN).statusCode(), "the calendar token is for the URL");
        assertEquals(200, get("/ops/calendar.ics", TOKEN).statusCode(), "a script sends the API token as a header");

        // Read-only: the calendar token reads no ticket and declares nothing; the API token in a URL opens nothing.
        assertEquals(401, get("/api/tickets", CALENDAR_TOKEN).statusCode());
        assertEquals(401, get("/api/tickets?token=" + TOKEN, null).statusCode());
        var declared = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + pompier.port() + "/api/ops/maintenances?token=" + CALENDAR_TOKEN))
                .header("Authorization", "Bearer " + CALENDAR_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"component": "portail", "start": "2026-12-05T08:00", "end": "2026-12-05T10:00",
                         "recurrence": "once", "owner": "UOPS00001"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, declared.statusCode());
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM maintenance_window"));
    }

    @Test
    void the_ics_feed_is_valid_for_strict_parsers_and_keeps_local_times_across_daylight_saving() throws Exception {
        declareTheSeedsCase();
        String feed = get("/ops/calendar.ics?token=" + CALENDAR_TOKEN, null).body();

        Calendar parsed = new CalendarBuilder().build(new StringReader(feed));
        var validation = parsed.validate();
        assertTrue(!validation.hasErrors(), validation.toString());
        List<VTimeZone> zones = parsed.getComponents("VTIMEZONE");
        assertEquals(1, zones.size(), "one VTIMEZONE, for the team's zone");
        assertEquals("Europe/Paris", zones.get(0).getTimeZoneId().getValue());
        List<VEvent> maintenances = parsed.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getSummary().getValue().startsWith("Maintenance")).toList();
        Set<Instant> utcStarts = new HashSet<>();
        for (VEvent maintenance : maintenances) {
            DtStart<?> start = maintenance.getDateTimeStart();
            assertEquals("Europe/Paris", start.getParameter(Parameter.TZID).orElseThrow().getValue(), start.toString());
            assertTrue(start.getValue().endsWith("T080000"), "Saturday 08:00 in Paris, winter and summer: " + start);
            utcStarts.add(Instant.from(start.getDate()));
        }
        // Read through the feed's own VTIMEZONE, as a client does: 07:00 UTC in winter, 06:00 UTC in summer.
        assertTrue(utcStarts.contains(Instant.parse("2027-01-02T07:00:00Z")), utcStarts.toString());
        assertTrue(utcStarts.contains(Instant.parse("2027-07-03T06:00:00Z")), utcStarts.toString());
    }

    @Test
    void ops_lists_the_next_two_weeks_with_their_collisions() throws Exception {
        declareTheSeedsCase();
        var answer = JSON.readTree(pompier.slackSends().command(slashCommand(PORTAL_OWNER, SUPPORT, "/ops", "")).body());
        String text = answer.path("text").asText();
        assertTrue(text.startsWith("*Next two weeks*"), text);
        assertTrue(text.indexOf("bi-monthly invoice send") < text.indexOf("maintenance of the *espace client*"), text);
        assertTrue(text.contains("*Collisions*"), text);
    }
}
