package app.pompier.qualification;

import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.ticket.slack.CardBlocks;
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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualificationTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String AGENT = "UAGENT001";
    static final String STRANGER = "USTRANGER";
    static final String TS = "1800000000.000100";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", "ULEAD0001");
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles:
                  support_group: support-team
                  lead_group: support-leads
                  lead_channel: support-leads
                policy:
                  essential_functions: [log in, search, reach the back office, create a contact]
                """);
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, TS, "Je n'arrive pas à me connecter")));
        // The reaction follows the recording of the card: from here on, changes redraw the card once.
        slack.await("reactions.add", 1);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    /** Clicks Qualify as {@code user} and returns the modal Slack was asked to open. */
    JsonNode clickQualify(String user) {
        int before = slack.calls("views.open").size();
        var response = pompier.slackSends().interaction(buttonClick(user, SUPPORT, TS, CardBlocks.QUALIFY_ACTION,
                "INC-1"));
        assertEquals(200, response.statusCode());
        return slack.await("views.open", before + 1).get(before).json("view");
    }

    HttpResponse<String> submit(String user, String viewId, JsonNode view, Form form) {
        return pompier.slackSends().interaction(viewSubmission(user, viewId, QualificationDialog.CALLBACK_ID,
                view.path("private_metadata").asText(), form));
    }

    static Form complete(String impact, String reach, String workaround) {
        Form form = new Form()
                .text("steps", "1. Ouvrir la page de connexion 2. Saisir identifiant 3. Cliquer Connexion")
                .text("location", "https://crm.example/login")
                .text("error_message", "Erreur 500 - Internal Server Error")
                .select("environment", "production")
                .radio("reach", reach)
                .select("impact", impact)
                .radio("reproducible", "always");
        if (workaround == null) {
            form.radio("workaround", "none");
        } else {
            form.radio("workaround", "yes").text("workaround_text", workaround);
        }
        return form;
    }

    /** The ephemeral text Pompier answers a /ticket command with. */
    String answer(String text) {
        var response = pompier.slackSends().command(slashCommand(REPORTER, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode());
        try {
            return JSON.readTree(response.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    long count(String sql) {
        return pompier.count(sql);
    }

    List<String> blockIds(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("blocks").forEach(b -> {
            if (b.has("block_id")) {
                ids.add(b.get("block_id").asText());
            }
        });
        return ids;
    }

    @Test
    void the_qualify_button_opens_a_modal_with_every_question_within_the_trigger() {
        JsonNode view = clickQualify(REPORTER);

        assertEquals("1337.42.click", slack.calls("views.open").get(0).param("trigger_id"));
        assertEquals(QualificationDialog.CALLBACK_ID, view.path("callback_id").asText());
        assertEquals(List.of("steps", "location", "error_message", "screenshots", "environment", "reach", "impact",
                "reproducible", "workaround", "workaround_text", "category", "claimed"), blockIds(view));
        assertTrue(view.toString().contains("\"file_input\""));
        assertTrue(view.toString().contains("Cannot create a contact"), "essential functions come from the config");
    }

    @Test
    void cannot_log_in_with_no_workaround_is_a_confirmed_p1() {
        JsonNode view = clickQualify(REPORTER);
        var response = submit(REPORTER, "V1", view, complete("essential:log in", "all_customers", null));

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        Call update = slack.await("chat.update", 1).get(0);
        assertTrue(update.json("blocks").toString().contains("P1: 'log in' unusable for all customers, no workaround"));
        assertEquals(1, count("""
                SELECT COUNT(*) FROM ticket WHERE state = 'qualified' AND priority = 'P1' AND qualified_priority = 'P1'
                   AND priority_confirmed = 1 AND claimed_priority IS NULL
                """));
        Call said = slack.await("chat.postMessage", 2).get(1);
        assertEquals(TS, said.param("thread_ts"));
        assertTrue(said.param("text").contains("is qualified: *P1*"), said.param("text"));
    }

    @Test
    void the_simulators_broken_with_a_workaround_is_a_p2() {
        JsonNode view = clickQualify(REPORTER);
        submit(REPORTER, "V1", view, complete("function", "all_customers", "calculer dans le tableur Excel"));

        slack.await("chat.update", 1);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P2' AND state = 'qualified'"
                + " AND priority_reason LIKE 'P2: a function inoperable for all customers, workaround: calculer%'"));
    }

    @Test
    void a_wording_issue_is_a_p3() {
        JsonNode view = clickQualify(REPORTER);
        submit(REPORTER, "V1", view, complete("degraded", "all_customers", null));

        slack.await("chat.update", 1);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P3' AND state = 'qualified'"));
    }

    @Test
    void missing_required_answers_come_back_as_field_errors_and_change_nothing() throws Exception {
        JsonNode view = clickQualify(REPORTER);
        var response = submit(REPORTER, "V1", view, new Form().text("steps", "cliquer").radio("workaround", "yes"));

        JsonNode body = JSON.readTree(response.body());
        assertEquals("errors", body.path("response_action").asText());
        for (String field : List.of("reach", "impact", "reproducible", "workaround_text")) {
            assertTrue(body.path("errors").has(field), field + " in " + body);
        }
        assertTrue(body.path("errors").path("workaround_text").asText().contains("Describe the workaround"));
        assertEquals(0, count("SELECT COUNT(*) FROM qualification"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE state = 'new'"));
    }

    @Test
    void an_incomplete_report_needs_info_until_completed_and_its_wait_is_recorded() {
        JsonNode view = clickQualify(REPORTER);
        Form incomplete = new Form().radio("reach", "one_user").select("impact", "function")
                .radio("reproducible", "always").radio("workaround", "none").text("location", "Contacts > Nouveau");
        submit(REPORTER, "V1", view, incomplete);

        Call asked = slack.await("chat.postMessage", 2).get(1);
        assertTrue(asked.param("text").contains("the steps to reproduce it"), asked.param("text"));
        assertTrue(asked.param("text").contains("the exact error message, or a screenshot"));
        assertFalse(asked.param("text").contains("where you are"), "the place was given");
        assertTrue(asked.json("blocks").toString().contains("Complete the report"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE state = 'needs_info'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_wait WHERE ended_at IS NULL"));

        clock.advance(Duration.ofMinutes(20));
        JsonNode again = clickQualify(REPORTER);
        assertTrue(again.toString().contains("Contacts > Nouveau"), "the dialog is prefilled with earlier answers");
        submit(REPORTER, "V2", again, new Form().radio("reach", "one_user").select("impact", "function")
                .radio("reproducible", "always").radio("workaround", "none").text("location", "Contacts > Nouveau")
                .text("steps", "1. Contacts 2. Nouveau 3. Enregistrer").files("screenshots", "F0SHOT01"));

        slack.await("chat.update", 2);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE state = 'qualified'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_wait WHERE ended_at - started_at = 1200000"));
        assertEquals(1, count("SELECT COUNT(*) FROM qualification WHERE revision = 2 AND screenshots = 'F0SHOT01'"));
        assertEquals(2, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'state'"));
    }

    @Test
    void a_claimed_p1_with_a_workaround_stands_unconfirmed_and_the_leads_are_told() {
        JsonNode view = clickQualify(REPORTER);
        submit(REPORTER, "V1", view, complete("essential:log in", "several_users", "passer par l'application mobile")
                .select("claimed", "P1"));

        slack.await("chat.update", 1);
        assertEquals(1, count("""
                SELECT COUNT(*) FROM ticket WHERE priority = 'P1' AND claimed_priority = 'P1'
                   AND qualified_priority = 'P2' AND priority_confirmed = 0
                """));
        Call lead = slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel")));
        assertTrue(lead.param("text").contains("claims *P1*, the policy gives *P2*"), lead.param("text"));
        assertTrue(slack.calls("chat.update").get(0).json("blocks").toString()
                .contains("P1 (claimed, unconfirmed; policy gives P2)"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'priority'"
                + " AND detail LIKE '%claimed P1 by the reporter, unconfirmed%'"));
    }

    @Test
    void a_submission_sent_twice_is_recorded_once() {
        JsonNode view = clickQualify(REPORTER);
        Form form = complete("essential:search", "all_customers", null);
        submit(REPORTER, "V1", view, form);
        var again = submit(REPORTER, "V1", view, form);

        assertEquals(200, again.statusCode());
        slack.await("chat.update", 1);
        slack.quietFor(Duration.ofMillis(200));
        assertEquals(1, count("SELECT COUNT(*) FROM qualification"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'qualification'"));
        assertEquals(1, slack.calls("chat.update").size());
    }

    @Test
    void a_stranger_is_refused_and_nothing_opens() {
        pompier.slackSends().interaction(buttonClick(STRANGER, SUPPORT, TS, CardBlocks.QUALIFY_ACTION, "INC-1"));

        Call refusal = slack.await("chat.postEphemeral", 1).get(0);
        assertEquals(STRANGER, refusal.param("user"));
        assertTrue(refusal.param("text").contains("only the reporter of INC-1 or a member of support"));
        assertTrue(slack.calls("views.open").isEmpty());
    }

    @Test
    void a_strangers_submission_is_refused_in_the_modal() throws Exception {
        JsonNode view = clickQualify(REPORTER);
        var response = submit(STRANGER, "V9", view, complete("essential:log in", "all_customers", null));

        JsonNode body = JSON.readTree(response.body());
        assertEquals("update", body.path("response_action").asText());
        assertTrue(body.toString().contains("only the reporter"), body.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM qualification"));
    }

    @Test
    void a_support_member_may_qualify_someone_elses_ticket() {
        JsonNode view = clickQualify(AGENT);
        submit(AGENT, "V1", view, complete("essential:log in", "all_customers", null));

        slack.await("chat.update", 1);
        assertEquals(1, count("SELECT COUNT(*) FROM qualification WHERE submitted_by = 'UAGENT001'"));
    }

    @Test
    void a_dialog_opened_before_another_qualification_is_refused_as_stale() throws Exception {
        JsonNode first = clickQualify(REPORTER);
        JsonNode second = clickQualify(AGENT);
        submit(REPORTER, "V1", first, complete("essential:log in", "all_customers", null));
        var late = submit(AGENT, "V2", second, complete("degraded", "one_user", null));

        assertTrue(JSON.readTree(late.body()).toString().contains("was qualified again while this dialog was open"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P1'"));
    }

    @Test
    void ticket_qualify_command_opens_the_dialog_and_answers_mistakes_with_the_syntax() {
        var opened = pompier.slackSends().command(slashCommand(REPORTER, SUPPORT, "/ticket", "qualify inc-1"));
        assertEquals(200, opened.statusCode());
        slack.await("views.open", 1);

        assertTrue(answer("qualify INC-99").contains("INC-99 does not exist"));
        assertTrue(answer("qualify").contains("/ticket qualify INC-42"));
        assertTrue(answer("qualfy INC-1").contains("I don't know `/ticket qualfy`"));
        assertTrue(answer("").contains("/ticket help"));
        assertEquals(1, slack.calls("views.open").size());
    }

    @Test
    void the_timeline_records_who_qualified_and_what_changed() {
        JsonNode view = clickQualify(REPORTER);
        submit(REPORTER, "V1", view, complete("essential:log in", "all_customers", null));
        slack.await("chat.update", 1);

        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'qualification' AND actor = 'UREPORTER'"
                + " AND detail LIKE 'reach: all customers; impact: essential:log in;%'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'state' AND detail = 'new -> qualified'"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'priority'"
                + " AND detail = 'unknown -> P1; P1: ''log in'' unusable for all customers, no workaround'"));
    }

    @Test
    void a_submission_for_a_closed_ticket_is_refused_in_the_modal() throws Exception {
        JsonNode view = clickQualify(REPORTER);
        pompier.execute("UPDATE ticket SET state = 'closed'");
        var response = submit(REPORTER, "V1", view, complete("essential:log in", "all_customers", null));

        JsonNode body = JSON.readTree(response.body());
        assertEquals("update", body.path("response_action").asText());
        assertTrue(body.toString().contains("INC-1 is closed"), body.toString());
        assertEquals(0, count("SELECT COUNT(*) FROM qualification"));
    }

    @Test
    void a_submission_naming_an_unknown_ticket_is_refused_in_the_modal() throws Exception {
        var response = pompier.slackSends().interaction(viewSubmission(REPORTER, "V1", QualificationDialog.CALLBACK_ID,
                "{\"ticket\":\"INC-77\",\"revision\":0}", complete("degraded", "one_user", null)));

        assertTrue(JSON.readTree(response.body()).toString().contains("INC-77 does not exist"), response.body());
    }
}
