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

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadCommandsTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    static final String PAYROLL = "C0PAYROLL";
    static final String STRANGER = "USTRANGER";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    @BeforeEach
    void start() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .privateChannel(PAYROLL, "rh-paie")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads,
                         downgrade_reminder_after: 4h }
                """);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }


    /** A report qualified with the given impact, workaround and claimed priority. */
    void report(int n, String impact, String workaround, String claimed) {
        int cards = slack.calls("reactions.add").size();
        pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, REPORTER, ts(n), "Problème " + n)));
        slack.await("reactions.add", cards + 1);
        Form form = new Form().text("steps", "1. Ouvrir").text("location", "/page").text("error_message", "Erreur")
                .radio("reach", "all_customers").select("impact", impact).radio("reproducible", "always");
        form = workaround == null ? form.radio("workaround", "none")
                : form.radio("workaround", "yes").text("workaround_text", workaround);
        if (claimed != null) {
            form.select("claimed", claimed);
        }
        pompier.qualify(REPORTER, SUPPORT, ts(n), "INC-" + n, "V" + n, form);
        awaitCount("SELECT COUNT(*) FROM ticket WHERE number = " + n + " AND state = 'qualified' AND sla_dirty = 0", 1);
    }

    String command(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode());
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.has("blocks") ? body.path("blocks").toString() : body.path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    long count(String sql) {
        return pompier.count(sql);
    }

    void awaitCount(String sql, long expected) {
        pompier.awaitCount(sql, expected);
    }

    @Test
    void the_queue_is_ordered_by_priority_then_deadline_and_filters_say_what_exists() {
        report(1, "degraded", null, null);
        report(2, "function", "un contournement", null);
        report(3, "essential:log in", null, null);

        String open = command(AGENT, "list");
        assertTrue(open.indexOf("INC-3") < open.indexOf("INC-2") && open.indexOf("INC-2") < open.indexOf("INC-1"), open);
        String p1 = command(AGENT, "list p1");
        assertTrue(p1.contains("INC-3") && !p1.contains("INC-2"), p1);
        assertTrue(command(AGENT, "list unassigned").contains("INC-1"));
        assertTrue(command(AGENT, "list everything").contains("/ticket list open|mine|p1|breached|unassigned"));
        String show = command(AGENT, "show INC-3");
        assertTrue(show.contains("Timeline") && show.contains("P1: 'log in' unusable"), show);
        assertTrue(command(AGENT, "show INC-99").contains("INC-99 does not exist"));
    }

    /** {@code /ticket show} as Slack sends it, with a response URL on the fake Slack for an answer after the ack. */
    java.net.http.HttpResponse<String> show(String user, String ticket) {
        var form = slashCommand(user, SUPPORT, "/ticket", "show " + ticket);
        form.put("response_url", slack.responseUrl());
        var response = pompier.slackSends().command(form);
        assertEquals(200, response.statusCode());
        return response;
    }

    /** What the asker read: the ack's blocks, or (when the ack said nothing) what came to the response URL. */
    String shownTo(String user, String ticket) {
        int answered = slack.calls("response_url").size();
        String ack = show(user, ticket).body();
        if (!ack.isBlank()) {
            return ack;
        }
        Call later = slack.await("response_url", answered + 1).get(answered);
        assertEquals("ephemeral", later.param("response_type"));
        return later.param("blocks");
    }

    @Test
    void a_ticket_from_a_private_channel_or_a_dm_is_shown_only_to_its_reporter_support_and_the_leads() {
        pompier.slackSends().event(callback("Ev1", app.pompier.testing.SlackPayloads.mention(PAYROLL, REPORTER, ts(1),
                null, "Bulletins de paie de mars faux pour Dupont")));
        pompier.slackSends().interaction(app.pompier.testing.SlackPayloads.createTicketShortcut(REPORTER, "D0DIRECT1",
                ts(2), REPORTER, "Mon arrêt maladie n'apparaît pas"));
        pompier.slackSends().event(callback("Ev3", message(SUPPORT, REPORTER, ts(3), "Export CSV vide")));
        pompier.slackSends().event(callback("Ev4", app.pompier.testing.SlackPayloads.mention("C0NOTSEEN", REPORTER,
                ts(4), null, "Contrat de Martin introuvable")));
        awaitCount("SELECT COUNT(*) FROM ticket", 4);
        String hidden = "was reported in a private conversation: only its reporter, the person it is assigned to and"
                + " support can see it";

        String dm = show(STRANGER, "INC-2").body();
        assertTrue(dm.contains("INC-2 " + hidden) && !dm.contains("arrêt maladie"), "a DM is known at once: " + dm);
        String payroll = shownTo(STRANGER, "INC-1");
        assertTrue(payroll.contains("INC-1 " + hidden) && !payroll.contains("Dupont"), payroll);
        String unseen = shownTo(STRANGER, "INC-4");
        assertTrue(unseen.contains("INC-4 " + hidden) && !unseen.contains("Martin"),
                "a channel Slack will not describe is private: " + unseen);

        String toReporter = show(REPORTER, "INC-1").body();
        assertTrue(toReporter.contains("Dupont") && toReporter.contains("Timeline"), toReporter);
        assertTrue(show(AGENT, "INC-2").body().contains("arrêt maladie"), "support sees it, in the ack");
        assertTrue(show(LEAD, "INC-4").body().contains("Martin"), "and the leads");

        String open = shownTo(STRANGER, "INC-3");
        assertTrue(open.contains("Export CSV vide") && open.contains("Timeline"), "a public channel's ticket: " + open);
        assertTrue(show(STRANGER, "INC-3").body().contains("Export CSV vide"), "the channel's privacy is kept a while");
        assertEquals(1, slack.calls("conversations.info").stream().filter(c -> SUPPORT.equals(c.param("channel")))
                .count());
        assertEquals(0, slack.calls("conversations.info").stream().filter(c -> c.param("channel").startsWith("D"))
                .count(), "a DM's id says what it is");
    }

    @Test
    void a_non_lead_cannot_change_a_priority_and_nothing_changes() {
        report(1, "function", "un contournement", null);
        assertTrue(command(AGENT, "priority INC-1 P1 urgent").contains("only support leads change a priority"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P2'"));
        assertTrue(command(LEAD, "priority INC-1 P3").contains("say why"), "lowering needs a reason");
        assertTrue(command(LEAD, "priority INC-1 PX because").contains("/ticket priority INC-42 P1|P2|P3"));
    }

    @Test
    void a_lead_raise_applies_at_once_confirmed_and_a_p1_opens_its_cell() {
        report(1, "function", "un contournement", null);
        assertEquals("INC-1 is now P1.", command(LEAD, "priority INC-1 P1 la facturation est bloquée"));
        awaitCount("SELECT COUNT(*) FROM ticket WHERE priority = 'P1' AND priority_confirmed = 1", 1);
        awaitCount("SELECT COUNT(*) FROM crisis_cell", 1);
        awaitCount("SELECT COUNT(*) FROM sla_clock WHERE goal = 'take_in' AND priority = 'P1' AND budget_ms = 3600000", 1);
    }

    @Test
    void a_claimed_p1_is_confirmed_by_a_lead_and_gets_its_cell() {
        report(1, "function", "un contournement", "P1");
        awaitCount("SELECT COUNT(*) FROM ticket WHERE priority = 'P1' AND priority_confirmed = 0", 1);
        assertEquals(0, count("SELECT COUNT(*) FROM crisis_cell"));
        assertTrue(command(AGENT, "confirm INC-1").contains("only support leads confirm"));
        assertTrue(command(LEAD, "confirm INC-1").contains("confirmed P1"));
        awaitCount("SELECT COUNT(*) FROM crisis_cell", 1);
    }

    @Test
    void a_downgrade_of_a_claimed_p1_waits_for_the_reporter_who_accepts_it() {
        report(1, "function", "un contournement", "P1");
        String answer = command(LEAD, "downgrade INC-1 P2 un contournement existe");
        assertTrue(answer.contains("they decide"), answer);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P1'"), "nothing changes before the answer");
        Call ask = slack.awaitMatching("chat.postMessage", c -> c.param("blocks") != null
                && c.param("blocks").contains(LeadCommands.ACCEPT_ACTION));
        assertEquals(ts(1), ask.param("thread_ts"));
        assertTrue(ask.param("text").contains("un contournement existe"));
        String proposal = String.valueOf(count("SELECT id FROM downgrade_proposal"));

        pompier.slackSends().interaction(buttonClick(AGENT, SUPPORT, ts(1), LeadCommands.ACCEPT_ACTION, proposal));
        Call refused = slack.awaitMatching("chat.postEphemeral", c -> AGENT.equals(c.param("user")));
        assertTrue(refused.param("text").contains("only the reporter"));
        pompier.slackSends().interaction(buttonClick(REPORTER, SUPPORT, ts(1), LeadCommands.ACCEPT_ACTION, proposal));

        awaitCount("SELECT COUNT(*) FROM ticket WHERE priority = 'P2' AND priority_confirmed = 1", 1);
        awaitCount("SELECT COUNT(*) FROM sla_clock WHERE goal = 'take_in' AND priority = 'P2' AND budget_ms > 3600000", 1);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'downgrade_accepted'"));
        slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel"))
                && c.param("text").contains("accepted to lower *INC-1* to P2"));
    }

    @Test
    void a_refused_downgrade_keeps_the_priority_and_the_lead_is_told() {
        report(1, "function", "un contournement", "P1");
        command(LEAD, "downgrade INC-1 P2 un contournement existe");
        String proposal = String.valueOf(count("SELECT id FROM downgrade_proposal"));
        pompier.slackSends().interaction(buttonClick(REPORTER, SUPPORT, ts(1), LeadCommands.KEEP_ACTION, proposal));

        slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel"))
                && c.param("text").contains("keeps *INC-1* at P1"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE priority = 'P1'"));
        assertEquals(1, count("SELECT COUNT(*) FROM downgrade_proposal WHERE answer = 'refused'"));
    }

    @Test
    void an_unanswered_downgrade_sends_one_reminder_after_the_business_delay() {
        report(1, "function", "un contournement", "P1");
        command(LEAD, "downgrade INC-1 P2 un contournement existe");
        slack.awaitMatching("chat.postMessage", c -> c.param("blocks") != null
                && c.param("blocks").contains(LeadCommands.ACCEPT_ACTION));

        clock.advance(Duration.ofHours(4));
        Call reminder = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith(":bell: Reminder:"));
        assertTrue(reminder.param("blocks").contains(LeadCommands.KEEP_ACTION));
        clock.advance(Duration.ofHours(8));
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> c.param("text") != null
                && c.param("text").startsWith(":bell: Reminder:")).count());
    }

    @Test
    void assign_gives_the_ticket_and_reopen_needs_a_reason() {
        report(1, "degraded", null, null);
        assertTrue(command(AGENT, "assign INC-1 <@UAGENT002|bob>").contains("only support leads assign"));
        assertEquals("INC-1 is assigned to <@UAGENT002>.", command(LEAD, "assign INC-1 <@UAGENT002|bob>"));
        awaitCount("SELECT COUNT(*) FROM ticket WHERE assignee = 'UAGENT002' AND state = 'in_progress'", 1);

        command(AGENT, "state INC-1 resolved");
        awaitCount("SELECT COUNT(*) FROM ticket WHERE state = 'resolved'", 1);
        assertTrue(command(LEAD, "reopen INC-1").contains("say why"));
        assertEquals("INC-1 is reopened.", command(LEAD, "reopen INC-1 le client voit encore l'erreur"));
        awaitCount("SELECT COUNT(*) FROM ticket_event WHERE kind = 'state'"
                + " AND detail = 'resolved -> in_progress; reopened: le client voit encore l''erreur'", 1);
    }
}
