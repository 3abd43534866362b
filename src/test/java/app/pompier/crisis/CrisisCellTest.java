package app.pompier.crisis;

import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.slack.SlackText;
import app.pompier.testing.BlockKitLimits;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Answer;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.PastedStackTrace;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrisisCellTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String STAKEHOLDERS = "C0DIRECTN";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());

    void start(String extraConfig) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(STAKEHOLDERS, "direction-incidents")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_group: support-leads }
                crisis:
                  stakeholder_channel: direction-incidents
                  status_every: 30m
                """ + extraConfig);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }


    /** A report, qualified by its reporter as a P1 the policy confirms (cannot log in, no workaround). */
    void reportP1(int n, String text) {
        int cards = slack.calls("reactions.add").size();
        pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, REPORTER, ts(n), text)));
        slack.await("reactions.add", cards + 1);
        pompier.qualify(REPORTER, SUPPORT, ts(n), "INC-" + n, "V" + n, confirmedP1());
    }

    /** Cannot log in, for all customers, every time, no workaround: a P1 the policy confirms. */
    static Form confirmedP1() {
        return new Form().text("steps", "1. Ouvrir 2. Connexion").text("location", "/login")
                .text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none");
    }

    long count(String sql) {
        return pompier.count(sql);
    }

    void awaitOpen(int cells) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'") < cells) {
            slack.quietFor(Duration.ofMillis(20));
        }
        assertEquals(cells, count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'"),
                pompier.dump("SELECT * FROM crisis_cell") + pompier.dump("SELECT * FROM crisis_step"));
    }

    void awaitCount(String sql, long expected) {
        pompier.awaitCount(sql, expected);
    }

    List<Call> postsIn(String channel) {
        return slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).toList();
    }

    @Test
    void a_confirmed_p1_gets_exactly_one_fully_set_up_cell() {
        start("");
        reportP1(1, "Impossible de me connecter à l'espace client !");
        awaitOpen(1);

        assertEquals(List.of("crise-inc-1-impossible-de-me-connecter-a-l-espace"), slack.createdChannels(),
                "lowercase ASCII, the report cut on a word");
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        List<String> invited = slack.calls("conversations.invite").stream().map(c -> c.param("users")).toList();
        assertTrue(invited.containsAll(List.of(REPORTER, LEAD)), invited.toString());
        String topic = slack.calls("conversations.setTopic").get(0).param("topic");
        assertTrue(topic.startsWith("INC-1 · P1 · take-in due in 1 h (11:00)"), topic);
        assertTrue(topic.endsWith("commander <@ULEAD0001>"), topic);
        Call summary = postsIn(cell).get(0);
        assertTrue(summary.json("blocks").toString().contains("Erreur 500"));
        assertTrue(summary.json("blocks").toString().contains(CrisisListeners.RESOLVED_ACTION));
        assertEquals(cell, slack.calls("pins.add").get(0).param("channel"));
        assertTrue(slack.calls("bookmarks.add").get(0).param("link").startsWith("https://"));
        Call link = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").contains("a crisis cell is open in <#" + cell + ">"));
        assertEquals(ts(1), link.param("thread_ts"));

        reportP1Again();
        slack.quietFor(Duration.ofMillis(500));
        assertEquals(1, slack.calls("conversations.create").size(), "a second trigger makes no second cell");
        assertEquals(1, count("SELECT COUNT(*) FROM crisis_cell"));
    }

    /** The reporter answers the dialog again: the ticket is still a confirmed P1. */
    void reportP1Again() {
        pompier.qualify(REPORTER, SUPPORT, ts(1), "INC-1", "V1b", confirmedP1().text("error_message", "Erreur 503"));
    }

    @Test
    void an_opening_interrupted_midway_resumes_where_it_stopped_after_a_restart() {
        start("");
        slack.answerAlways("pins.add", Answer.serverError());
        reportP1(1, "Portail indisponible");
        slack.await("pins.add", 5);
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'opening' AND channel_id IS NOT NULL"));

        pompier.stop();
        slack.answerAlways("pins.add", null);
        clock.advance(Duration.ofMinutes(1));
        pompier.startAgain();
        awaitOpen(1);

        assertEquals(1, slack.calls("conversations.create").size());
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        assertEquals(1, postsIn(cell).stream().filter(c -> c.param("blocks") != null
                && c.param("blocks").contains(CrisisListeners.RESOLVED_ACTION)).count(), "one summary");
        assertEquals(6, slack.calls("pins.add").size());
    }

    @Test
    void a_taken_name_gets_a_suffix_and_a_user_who_cannot_be_invited_is_reported_in_the_cell() {
        slack = null;
        start("");
        slack.answerNext("conversations.create", Answer.error("name_taken"));
        slack.answerNext("conversations.invite", Answer.error("user_is_restricted"));
        reportP1(1, "Recherche en panne");
        awaitOpen(1);

        assertEquals(List.of("crise-inc-1-recherche-en-panne-2"), slack.createdChannels());
        String cell = slack.channelIdNamed("crise-inc-1-recherche-en-panne-2");
        Call warning = slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && c.param("text").contains("could not invite"));
        assertTrue(warning.param("text").contains("user_is_restricted"), warning.param("text"));
    }

    @Test
    void silence_asks_for_a_status_update_which_is_relayed_to_the_reporter_and_stakeholders() {
        start("");
        reportP1(1, "Back-office inaccessible");
        awaitOpen(1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));

        clock.advance(Duration.ofMinutes(31));
        Call ask = slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && c.param("text").startsWith(":loudspeaker: No status update on INC-1 for 31 min"));
        assertTrue(ask.param("blocks").contains(CrisisListeners.STATUS_ACTION));

        int views = slack.calls("views.open").size();
        pompier.slackSends().interaction(buttonClick(LEAD, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        slack.await("views.open", views + 1);
        pompier.slackSends().interaction(viewSubmission(LEAD, "VS1", CrisisListeners.STATUS_DIALOG, "INC-1",
                new Form().text("known", "Le serveur d'authentification ne répond plus.")
                        .text("doing", "Redémarrage du service en cours").select("next", "30")));

        Call relayed = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith("Update on your report *INC-1*"));
        assertEquals(ts(1), relayed.param("thread_ts"));
        assertTrue(relayed.param("text").contains("We are redémarrage du service en cours."), relayed.param("text"));
        slack.awaitMatching("chat.postMessage", c -> STAKEHOLDERS.equals(c.param("channel")));
        slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && c.param("text").startsWith(":memo: *Status update*"));
        awaitCount("SELECT COUNT(*) FROM ticket_event WHERE kind = 'status_update' AND actor = 'ULEAD0001'", 1);
    }

    @Test
    void a_stranger_in_the_cell_cannot_post_a_status_update_and_is_told_who_can() throws Exception {
        start("");
        reportP1(1, "Back-office inaccessible");
        awaitOpen(1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        String stranger = "USTRANGER";
        int views = slack.calls("views.open").size();

        pompier.slackSends().interaction(buttonClick(stranger, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        Call told = slack.awaitMatching("chat.postEphemeral", c -> stranger.equals(c.param("user")));
        assertEquals(cell, told.param("channel"));
        assertEquals("Only the commander <@ULEAD0001>, support and the leads post status updates on INC-1; tell them"
                + " here what you know.", told.param("text"));

        // A dialog is submitted by whoever has it open: the submission is checked too.
        var submitted = pompier.slackSends().interaction(viewSubmission(stranger, "VS9", CrisisListeners.STATUS_DIALOG,
                "INC-1", new Form().text("known", "Tout est réparé").text("doing", "Rien").select("next", "120")));
        JsonNode answer = JSON.readTree(submitted.body());
        assertEquals("errors", answer.path("response_action").asText(), submitted.body());
        assertEquals("Only the cell's commander, support and the leads post status updates on INC-1.",
                answer.path("errors").path("known").asText());

        pompier.slackSends().interaction(buttonClick(stranger, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        Call resolveRefused = slack.awaitMatching("chat.postEphemeral", c -> stranger.equals(c.param("user"))
                && c.param("text").contains("resolve INC-1"));
        assertEquals("Only the commander <@ULEAD0001>, support and the leads resolve INC-1; tell them here what you"
                + " know.", resolveRefused.param("text"));

        slack.quietFor(Duration.ofMillis(300));
        assertEquals(views, slack.calls("views.open").size(), "no dialog for a stranger");
        assertEquals(0, slack.calls("chat.postMessage").stream().filter(c -> c.param("text") != null
                && (c.param("text").startsWith(":memo: *Status update*") || c.param("text").startsWith("Update on your")
                || c.param("text").contains("Tout est réparé"))).count(), "nothing posted, nothing relayed");
        assertEquals(0, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'status_update'"));
        assertEquals(0, count("SELECT COUNT(*) FROM ticket WHERE state = 'resolved'"));
    }

    @Test
    void the_commander_a_lead_named_posts_updates_and_resolves_without_being_in_support() throws Exception {
        start("");
        reportP1(1, "Back-office inaccessible");
        awaitOpen(1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        String commander = "UCMDR0001";
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "commander INC-1 <@" + commander + ">"));
        awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE commander = '" + commander + "'", 1);

        int views = slack.calls("views.open").size();
        pompier.slackSends().interaction(buttonClick(commander, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        slack.await("views.open", views + 1);
        pompier.slackSends().interaction(viewSubmission(commander, "VS2", CrisisListeners.STATUS_DIALOG, "INC-1",
                new Form().text("known", "Le serveur ne répond plus.").text("doing", "Redémarrage").select("next", "30")));
        slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith("Update on your report *INC-1*"));

        pompier.slackSends().interaction(buttonClick(commander, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        Call done = slack.awaitMatching("chat.postEphemeral", c -> commander.equals(c.param("user")));
        assertEquals("INC-1 is now resolved.", done.param("text"));
        awaitCount("SELECT COUNT(*) FROM ticket WHERE state = 'resolved'", 1);
    }

    @Test
    void resolved_tells_the_reporter_posts_the_review_and_close_archives_the_cell() throws Exception {
        start("");
        reportP1(1, "Impossible de créer un contact");
        awaitOpen(1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        clock.advance(Duration.ofMinutes(20));
        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "take INC-1"));
        clock.advance(Duration.ofMinutes(70));
        pompier.slackSends().interaction(buttonClick(AGENT, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));

        Call review = slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && c.param("text").startsWith(":clipboard: *Post-incident review (REX) draft"));
        String text = review.param("text");
        assertTrue(text.indexOf("created") < text.indexOf("taken") && text.indexOf("taken") < text.indexOf("resolved"),
                text);
        assertTrue(text.contains("• to take in: 20 min business time, 20 min wall time"), text);
        assertTrue(text.contains("• to resolve: 1 h 30 min business time, 1 h 30 min wall time"), text);
        assertTrue(text.contains("SLA take-in: met"), text);
        assertTrue(text.contains("regression tests, acceptance, an unforeseen business case"), text);
        slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith(":white_check_mark: *INC-1* is resolved"));

        var refused = pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "close INC-1"));
        assertTrue(JSON.readTree(refused.body()).path("text").asText().contains("only support leads close"));
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "close INC-1"));
        Call archived = slack.await("conversations.archive", 1).get(0);
        assertEquals(cell, archived.param("channel"));
    }

    static String reporter(int n) {
        return String.format("UREP%05d", n);
    }

    @Test
    void thirty_p1s_at_once_under_tier_2_limits_all_get_their_cell_once_in_order() {
        start("");
        slack.limitChannelCreation(2, Duration.ofSeconds(1));
        // Thirty people, each with a P1 of their own: one person's P1s past 3 an hour would wait for a lead.
        for (int n = 1; n <= 30; n++) {
            pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, reporter(n), ts(n), "Panne numéro " + n)));
        }
        slack.await("reactions.add", 30);
        List<JsonNode> views = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            views.add(pompier.openQualifyDialog(reporter(n), SUPPORT, ts(n), "INC-" + n));
        }
        for (int n = 1; n <= 30; n++) {
            pompier.slackSends().interaction(viewSubmission(reporter(n), "V" + n, QualificationDialog.CALLBACK_ID,
                    views.get(n - 1).path("private_metadata").asText(), confirmedP1()));
        }
        awaitOpen(30);

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            expected.add("crise-inc-" + n + "-panne-numero-" + n);
        }
        assertEquals(expected, slack.createdChannels(), "every cell once, in order of arrival");
        assertTrue(slack.calls("conversations.create").size() > 30, "the limit was hit and waited out");
        assertEquals(30, count("SELECT COUNT(DISTINCT channel_id) FROM crisis_cell"));
    }

    @Test
    void sla_reminders_reach_the_cell_and_a_downgraded_p1_keeps_it_with_a_topic_that_says_so() {
        start("");
        reportP1(1, "Connexion impossible");
        awaitOpen(1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));

        clock.advance(Duration.ofMinutes(30));
        slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && c.param("text").contains("INC-1 · P1 · take-in due in 30 min (11:00)"));

        pompier.qualify(REPORTER, SUPPORT, ts(1), "INC-1", "V2", confirmedP1().radio("workaround", "yes")
                .text("workaround_text", "passer par l'application mobile"));

        Call topic = slack.awaitMatching("conversations.setTopic",
                c -> c.param("topic").startsWith("INC-1 · downgraded to P2"));
        assertEquals(cell, topic.param("channel"));
        assertEquals(1, count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'"));
        assertEquals(0, slack.calls("conversations.archive").size());
    }

    /** Every Slack call the opening made was within Slack's limits: the fake refused none. */
    void assertNothingRefusedForLimits() {
        assertEquals(List.of(), slack.refusedForLimits().stream().map(c -> c.method() + " "
                + BlockKitLimits.message(c.param("text"), c.param("blocks") == null ? null : c.json("blocks"))).toList());
    }

    /** The message Slack holds at the top of the cell marked as its summary. */
    JsonNode summaryIn(String cell) {
        List<JsonNode> summaries = slack.history(cell).stream()
                .filter(m -> "pompier_cell_summary".equals(m.path("metadata").path("event_type").asText())).toList();
        assertEquals(1, summaries.size(), "one summary: " + slack.history(cell));
        return summaries.get(0);
    }

    /** The report, the steps and the error message, each holding the whole trace. */
    void reportP1WithTrace(String trace) {
        int cards = slack.calls("reactions.add").size();
        // Slack sends what people type with &, < and > escaped.
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, ts(1), SlackText.escape(trace))));
        slack.await("reactions.add", cards + 1);
        pompier.qualify(REPORTER, SUPPORT, ts(1), "INC-1", "V1", confirmedP1().text("steps", trace)
                .text("error_message", trace));
    }

    @Test
    void a_p1_with_a_pasted_stack_trace_gets_its_summary_pinned_and_the_whole_trace_in_its_thread() {
        start("");
        String trace = PastedStackTrace.of(6_500);
        reportP1WithTrace(trace);
        awaitOpen(1);

        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        JsonNode summary = summaryIn(cell);
        assertEquals(summary.path("ts").asText(), slack.calls("pins.add").get(0).param("timestamp"), "pinned");
        assertEquals(0, count("SELECT COUNT(*) FROM crisis_step WHERE done = 0"), pompier.dump("SELECT * FROM crisis_step"));
        Call posted = postsIn(cell).stream().filter(c -> c.param("metadata") != null
                && c.param("metadata").contains("pompier_cell_summary")).findFirst().orElseThrow();
        String shown = posted.json("blocks").get(0).path("text").path("text").asText();
        assertTrue(shown.contains("|Original report and ticket thread>"), shown);
        assertTrue(shown.contains("in full in this message's thread"), shown);

        List<JsonNode> parts = slack.thread(cell, summary.path("ts").asText());
        assertTrue(parts.size() >= 3, parts.size() + " parts");
        StringBuilder whole = new StringBuilder();
        for (JsonNode part : parts) {
            String text = part.path("text").asText();
            assertTrue(text.length() <= 3000, "a part reads as one message: " + text.length());
            assertEquals(List.of(), BlockKitLimits.message(text, (JsonNode) null));
            whole.append(text).append('\n');
        }
        String escaped = SlackText.escape(trace);
        for (String label : List.of("*Steps to reproduce:*", "*Error:*", "*Report:*")) {
            int at = whole.indexOf(label);
            assertTrue(at >= 0, label + " in the thread");
            assertTrue(readable(whole.substring(at)).startsWith(readable(label + escaped)),
                    label + " whole in the thread");
        }
        assertNothingRefusedForLimits();
    }

    /** Text as read, whatever cut it into parts: no blanks, no code fences, no part headings. */
    static String readable(String text) {
        return text.replaceAll("\\*INC-1 in full\\* \\(\\d+/\\d+\\)", "").replace("```", "")
                .replaceAll("\\s+", "");
    }

    @Test
    void a_summary_step_tried_again_posts_neither_the_summary_nor_a_part_twice() {
        start("");
        // The first part is posted but its answer lost; the second is not posted at all.
        slack.doneButAnsweredOnce(c -> wholeTextPart(c, 1), Answer.serverError());
        reportP1WithTrace(PastedStackTrace.of(6_500));
        slack.awaitMatching("chat.postMessage", c -> wholeTextPart(c, 1));
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(0, count("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'"), "waits to try again");

        clock.advance(Duration.ofSeconds(31));
        awaitOpen(1);

        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        JsonNode summary = summaryIn(cell);
        List<String> parts = slack.thread(cell, summary.path("ts").asText()).stream()
                .map(m -> m.path("metadata").path("event_payload").path("part").asText()).toList();
        assertEquals(parts.stream().distinct().toList(), parts, "each part once: " + parts);
        assertEquals(String.valueOf(parts.size()), parts.get(parts.size() - 1));
        assertEquals(List.of(summary.path("ts").asText()), slack.calls("pins.add").stream()
                .map(c -> c.param("timestamp")).toList());
    }

    static boolean wholeTextPart(Call call, int part) {
        return call.method().equals("chat.postMessage") && call.param("metadata") != null
                && call.json("metadata").path("event_type").asText().equals("pompier_cell_whole_text")
                && call.json("metadata").path("event_payload").path("part").asText().equals(String.valueOf(part));
    }
}
