package app.pompier.outage;

import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.outage.slack.OutageWords;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
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
import java.util.List;
import java.util.Map;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many reports of one outage, through signed HTTP into the real server, against the fake Slack. */
class MassOutageTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());

    void start(String extraConfig) {
        start(extraConfig, Map.of());
    }

    void start(String extraConfig, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("POMPIER_API_TOKEN", "api-token-for-tests");
        slack = slack == null ? FakeSlack.start() : slack;
        slack.channel(SUPPORT, "support-crm").channel(LEADS, "support-leads-room")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads-room }
                crisis: { status_every: 30m }
                """ + extraConfig, all);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    /** A report written in the support channel by {@code user}, as message {@code n}. */
    void report(int n, String user, String text) {
        pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, user, ts(n), text)));
    }

    /** The first answer Pompier posted in the thread of message {@code n}: a card or a related reply. */
    Call firstAnswer(int n) {
        return slack.awaitMatching("chat.postMessage", c -> ts(n).equals(c.param("thread_ts"))
                && c.param("metadata") != null);
    }

    static boolean isCard(Call c) {
        return c.param("metadata").contains("pompier_ticket_card");
    }

    static boolean isRelatedReply(Call c) {
        return c.param("metadata").contains("pompier_related_reply");
    }

    long count(String sql) {
        return pompier.count(sql);
    }

    @Test
    void reports_of_one_outage_become_related_reports_of_the_first_answered_with_one_reply_each() throws Exception {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM depuis ce matin");
        assertTrue(isCard(firstAnswer(1)));
        report(2, "UBOB00001", "login KO");
        report(3, "UCAROL001", "page blanche après connexion");
        report(4, "UDAVE0001", "L'export PDF des factures est en erreur");

        Call reply = firstAnswer(2);
        assertTrue(isRelatedReply(reply), reply.param("metadata"));
        assertTrue(reply.param("text").startsWith(":link: This looks like *INC-1*"), reply.param("text"));
        assertTrue(reply.param("blocks").contains(OutageWords.SOMETHING_ELSE_ACTION), reply.param("blocks"));
        assertTrue(isRelatedReply(firstAnswer(3)));
        assertTrue(isCard(firstAnswer(4)), "an unrelated report keeps its own card");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 2);

        assertEquals(2, count("SELECT COUNT(*) FROM ticket WHERE related_to = 1"));
        assertEquals(0, count("SELECT COUNT(*) FROM ticket WHERE related_to IS NOT NULL AND card_ts IS NOT NULL"),
                "no card for a related report");
        // The incident's card is redrawn once for the burst, and shows who reported it.
        clock.advance(Duration.ofSeconds(1));
        Call redraw = slack.awaitMatching("chat.update", c -> c.param("blocks") != null
                && c.json("blocks").toString().contains("*3 people* reported it (<#C0SUPPORT> 3)"));
        assertTrue(redraw.json("blocks").toString().contains("Qualify"), "the incident keeps its buttons");
        // The queue holds the incident and the unrelated ticket, not the related reports.
        String list = pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "list")).body();
        assertTrue(list.contains("INC-1") && list.contains("INC-4") && !list.contains("INC-2"), list);

        JsonNode api = JSON.readTree(pompier.slackSends().getWithToken("/api/tickets/INC-1", "api-token-for-tests"));
        assertEquals(3, api.path("reporters").path("people").asInt(), api.toString());
        assertEquals(List.of("INC-2", "INC-3"), JSON.convertValue(api.path("related_reports"), List.class));
        JsonNode related = JSON.readTree(pompier.slackSends().getWithToken("/api/tickets/INC-2", "api-token-for-tests"));
        assertEquals("INC-1", related.path("related_to").asText());
        assertTrue(related.path("timeline").toString().contains("looks like INC-1"), related.toString());
    }

    @Test
    void its_something_else_makes_the_report_a_ticket_with_its_card_at_once_and_only_once() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        firstAnswer(1);
        report(2, "UBOB00001", "je n'arrive plus à me connecter");
        Call reply = firstAnswer(2);
        assertTrue(isRelatedReply(reply));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 1);

        // Someone else's report: refused.
        pompier.slackSends().interaction(buttonClick("USTRANGER", SUPPORT, ts(2), OutageWords.SOMETHING_ELSE_ACTION,
                "INC-2"));
        slack.awaitMatching("chat.postEphemeral", c -> c.param("text").contains("Only the person who reported"));

        pompier.slackSends().interaction(buttonClick("UBOB00001", SUPPORT, ts(2), OutageWords.SOMETHING_ELSE_ACTION,
                "INC-2"));
        Call card = slack.awaitMatching("chat.postMessage", c -> ts(2).equals(c.param("thread_ts"))
                && c.param("metadata") != null && isCard(c));
        assertTrue(card.param("text").startsWith("INC-2"), card.param("text"));
        Call updated = slack.awaitMatching("chat.update", c -> reply.param("channel").equals(c.param("channel"))
                && c.param("text") != null && c.param("text").contains("it is now ticket *INC-2* of its own"));
        assertTrue(updated.param("text").startsWith(":ticket: You said"), updated.param("text"));
        assertEquals(0, count("SELECT COUNT(*) FROM ticket WHERE related_to IS NOT NULL"));

        // A double click: told it is done, no second card.
        pompier.slackSends().interaction(buttonClick("UBOB00001", SUPPORT, ts(2), OutageWords.SOMETHING_ELSE_ACTION,
                "INC-2"));
        slack.awaitMatching("chat.postEphemeral", c -> c.param("text").contains("already a ticket of its own"));
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ts(2).equals(c.param("thread_ts"))
                && c.param("metadata") != null && isCard(c)).count());
    }

    @Test
    void leads_link_and_unlink_tickets_and_others_are_refused() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        firstAnswer(1);
        report(2, "UBOB00001", "La facture 4521 a un total faux");
        assertTrue(isCard(firstAnswer(2)));

        String refused = pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "link INC-2 INC-1"))
                .body();
        assertTrue(refused.contains("Only support leads link tickets"), refused);
        String linked = pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "link INC-2 INC-1"))
                .body();
        assertTrue(linked.contains("INC-2 is now a related report of INC-1"), linked);
        Call reply = slack.awaitMatching("chat.postMessage", c -> ts(2).equals(c.param("thread_ts"))
                && c.param("metadata") != null && isRelatedReply(c));
        assertTrue(reply.param("text").contains("INC-1"), reply.param("text"));
        String again = pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "link INC-2 INC-1"))
                .body();
        assertTrue(again.contains("already related to INC-1"), again);
        assertTrue(pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "link INC-1 INC-1")).body()
                .contains("cannot be linked to itself"));
        String take = pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "take INC-2")).body();
        assertTrue(take.contains("INC-2 is a report of INC-1; take that one in"), take);
        String qualify = pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "qualify INC-2")).body();
        assertTrue(qualify.contains("INC-2 is a report of INC-1, which is qualified for all its reporters"), qualify);

        String unlinked = pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "unlink INC-2")).body();
        assertTrue(unlinked.contains("INC-2 is a ticket of its own"), unlinked);
        assertEquals(0, count("SELECT COUNT(*) FROM ticket WHERE related_to IS NOT NULL"));
        assertTrue(pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "unlink INC-2")).body()
                .contains("already a ticket of its own"));
        assertTrue(pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "help")).body()
                .contains("/ticket link INC-57 INC-42"));
    }

    @Test
    void a_status_update_and_the_resolution_reach_every_related_reporter_once() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        firstAnswer(1);
        pompier.qualify("UALICE001", SUPPORT, ts(1), "INC-1", "V1", new Form().text("steps", "1. Connexion")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'", 1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        for (int n = 2; n <= 4; n++) {
            report(n, "UUSER000" + n, n % 2 == 0 ? "login KO" : "can't log in to the CRM");
        }
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 3);
        Call reply = firstAnswer(3);
        assertTrue(reply.param("text").contains("(P1, being handled since"), reply.param("text"));

        pompier.slackSends().interaction(buttonClick(LEAD, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        pompier.slackSends().interaction(viewSubmission(LEAD, "VS1", CrisisListeners.STATUS_DIALOG, "INC-1",
                new Form().text("known", "Le serveur d'authentification ne répond plus.")
                        .text("doing", "Redémarrage du service").select("next", "30")));
        for (int n = 2; n <= 4; n++) {
            String thread = ts(n);
            Call news = slack.awaitMatching("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                    && c.param("metadata") != null && c.param("metadata").contains("pompier_related_news"));
            assertTrue(news.param("text").contains("Le serveur d'authentification ne répond plus."),
                    news.param("text"));
        }

        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "take INC-1"));
        pompier.slackSends().interaction(buttonClick(AGENT, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_to = 1 AND state = 'resolved'", 3);
        pompier.awaitCount("""
                SELECT COUNT(*) FROM reporter_notice WHERE kind = 'resolved' AND due_at IS NULL AND posted_version > 0
                """, 3);
        slack.quietFor(Duration.ofMillis(300));
        for (int n = 2; n <= 4; n++) {
            String thread = ts(n);
            assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> thread.equals(c.param("thread_ts"))
                    && c.param("text") != null && c.param("text").contains("is resolved")).count(), "thread " + n);
            assertEquals(2, slack.calls("chat.postMessage").stream().filter(c -> thread.equals(c.param("thread_ts"))
                    && c.param("metadata") != null && c.param("metadata").contains("pompier_related_news")).count());
        }
    }

    @Test
    void a_cluster_of_unqualified_reports_is_proposed_to_the_leads_as_a_probable_p1_once() {
        start("grouping: { probable_p1_reports: 3 }\n");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        report(2, "UBOB00001", "login KO");
        report(3, "UCAROL001", "je n'arrive plus à me connecter");
        Call proposal = slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel")));
        assertTrue(proposal.param("text").contains("*Probable P1*: 3 people"), proposal.param("text"));
        assertTrue(proposal.param("blocks").contains(OutageWords.CONFIRM_PROBABLE_P1_ACTION));
        report(4, "UDAVE0001", "login impossible");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_to = 1", 3);

        pompier.slackSends().interaction(buttonClick(AGENT, LEADS, null, OutageWords.CONFIRM_PROBABLE_P1_ACTION,
                "INC-1"));
        slack.awaitMatching("chat.postEphemeral", c -> c.param("text").contains("only support leads"));
        pompier.slackSends().interaction(buttonClick(LEAD, LEADS, null, OutageWords.CONFIRM_PROBABLE_P1_ACTION,
                "INC-1"));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'", 1);
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE id = 1 AND priority = 'P1' AND priority_confirmed = 1"));
        assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> LEADS.equals(c.param("channel"))
                && c.param("text").contains("Probable P1")).count());
    }

    @Test
    void qualifying_an_incident_counts_its_reporters_as_its_reach() {
        start("policy: { p1_minimum_reach: several_users }\n");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        firstAnswer(1);
        report(2, "UBOB00001", "login KO");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 1);
        pompier.qualify("UALICE001", SUPPORT, ts(1), "INC-1", "V1", new Form().text("steps", "1. Connexion")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "one_user")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE id = 1 AND priority = 'P1'", 1);
        String reason = pompier.dump("SELECT priority_reason FROM ticket WHERE id = 1");
        assertTrue(reason.contains("2 people reported it; answered: one user"), reason);
    }

    @Test
    void a_retried_event_and_a_restart_give_one_link_and_one_reply() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        firstAnswer(1);
        String event = callback("Ev2", message(SUPPORT, "UBOB00001", ts(2), "login KO"));
        pompier.slackSends().event(event);
        pompier.slackSends().retriedEvent(event, 1);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 1);
        pompier.restart();
        pompier.slackSends().retriedEvent(event, 2);
        report(3, "UCAROL001", "login KO aussi");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 2);
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(3, count("SELECT COUNT(*) FROM ticket"));
        assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ts(2).equals(c.param("thread_ts"))).count());
        assertEquals(2, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'related_report' AND ticket_id = 1"));
        assertFalse(pompier.dump("SELECT kind FROM ticket_event WHERE ticket_id = 2").contains("card_posted"));
    }

    @Test
    void a_burst_in_one_channel_is_answered_at_slacks_pace_without_a_429() {
        slack = FakeSlack.start().limitPostsPerChannel(1.0, 3);
        start("", Map.of("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1"));
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        for (int n = 2; n <= 6; n++) {
            report(n, "UUSER000" + n, "login KO");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int n = 1; n <= 6; n++) {
            long at = firstAnswer(n).receivedNanos();
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        assertEquals(0, slack.postsRefused(), "Pompier keeps to the channel's pace: Slack refuses nothing");
        // A burst of two, then one a second: the last of six answers comes about four seconds after the first.
        assertTrue(last - first >= 3_500_000_000L, "answers were spaced out: " + (last - first) / 1_000_000 + " ms");
        assertEquals(5, count("SELECT COUNT(*) FROM ticket WHERE related_to = 1"));
    }

    @Test
    void closing_an_incident_at_once_resolves_its_reports_and_tells_their_reporters() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        report(2, "UBOB00001", "login KO");
        report(3, "UCAROL001", "je n'arrive plus à me connecter");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 2);
        pompier.slackSends().command(slashCommand(LEAD, SUPPORT, "/ticket", "close INC-1"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_to = 1 AND state = 'resolved'", 2);
        for (int n = 2; n <= 3; n++) {
            String thread = ts(n);
            Call told = slack.awaitMatching("chat.postMessage", c -> thread.equals(c.param("thread_ts"))
                    && c.param("text") != null && c.param("text").contains("is resolved"));
            assertTrue(told.param("text").contains("*INC-1*"), told.param("text"));
        }
    }

    @Test
    void every_reporter_of_a_burst_is_on_the_board_within_seconds_while_the_replies_follow_at_slacks_pace() {
        slack = FakeSlack.start().limitPostsPerChannel(1.0, 3);
        start("", Map.of("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "1"));
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        assertTrue(isCard(firstAnswer(1)));
        List<String> reporters = new java.util.ArrayList<>();
        for (int n = 2; n <= 31; n++) {
            String user = String.format("UUSER%04d", n);
            reporters.add(user);
            report(n, user, n % 2 == 0 ? "login KO" : "je n'arrive plus à me connecter au CRM");
        }

        // The board names all thirty within seconds, while their replies in threads come one a second. It is
        // redrawn every 3 s of Pompier's clock, which this test moves on.
        java.util.function.Predicate<Call> namesAll = c -> c.method().equals("chat.update")
                && c.param("blocks") != null && reporters.stream().allMatch(u -> mentions(c, u));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (slack.calls("chat.update").stream().noneMatch(namesAll) && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            slack.quietFor(Duration.ofMillis(300));
        }
        Call board = slack.awaitMatching("chat.update", namesAll);
        long replies = slack.calls("chat.postMessage").stream().filter(c -> c.param("metadata") != null
                && isRelatedReply(c)).count();
        assertTrue(replies < 30, "the board came before the replies: " + replies + " replies already");
        assertTrue(board.param("blocks").contains("Known incident: INC-1"), board.param("blocks"));

        List<Call> topLevel = slack.calls("chat.postMessage").stream()
                .filter(c -> SUPPORT.equals(c.param("channel")) && c.param("thread_ts") == null).toList();
        assertEquals(1, topLevel.size(), "one board, the only top-level post: " + topLevel);
        assertFalse(reporters.stream().anyMatch(u -> mentions(topLevel.get(0), u)),
                "the board is posted naming nobody, so that nobody is notified; names come by edits");

        // Those Slack's limits allow are told at once, only them: a message under their report.
        // The first ones (Tier 4's burst at least) get a message only they see.
        slack.await("chat.postEphemeral", 10);
        List<Call> acknowledged = slack.calls("chat.postEphemeral");
        assertTrue(acknowledged.stream().allMatch(c -> reporters.contains(c.param("user"))
                && c.param("text").startsWith(":link: Your report INC-")), acknowledged.toString());
        assertEquals(acknowledged.size(), acknowledged.stream().map(c -> c.param("user")).distinct().count(),
                "each reporter is acknowledged once");

        // The replies still reach every thread, at the channel's pace, without a 429.
        for (int n = 2; n <= 31; n++) {
            assertTrue(isRelatedReply(firstAnswer(n)));
        }
        assertEquals(0, slack.postsRefused(), "Pompier keeps to the channel's pace: Slack refuses nothing");
        assertEquals(1, count("SELECT COUNT(*) FROM outage_board"));

        // Its end is on the board too.
        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "state INC-1 resolved"));
        java.util.function.Predicate<Call> resolved = c -> c.method().equals("chat.update") && c.param("text") != null
                && c.param("text").contains("INC-1 is resolved");
        deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (slack.calls("chat.update").stream().noneMatch(resolved) && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(1));
            slack.quietFor(Duration.ofMillis(300));
        }
        slack.awaitMatching("chat.update", resolved);
    }

    @Test
    void a_board_someone_deleted_is_posted_again_with_every_name() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        assertTrue(isCard(firstAnswer(1)));
        report(2, "UBOB00001", "login KO");
        Call board = slack.awaitMatching("chat.update", c -> isBoard(c) && mentions(c, "UBOB00001"));

        // Someone deletes the board: Slack answers its next edit message_not_found.
        slack.deletedByAPerson(SUPPORT, board.param("ts"));
        slack.refusedOnce(c -> c.method().equals("chat.update") && isBoard(c), FakeSlack.Answer.error(
                "message_not_found"));
        report(3, "UCAROL001", "je n'arrive plus à me connecter");
        java.util.function.Supplier<List<Call>> posted = () -> slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") == null && isBoard(c)).toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (posted.get().size() < 2 && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(2));
            slack.quietFor(Duration.ofMillis(300));
        }
        assertEquals(2, posted.get().size(), "posted once, then again once it was gone");
        long reposted = posted.get().get(1).receivedNanos();
        slack.awaitMatching("chat.update", c -> isBoard(c) && c.receivedNanos() > reposted
                && mentions(c, "UCAROL001") && mentions(c, "UBOB00001"));
    }

    @Test
    void a_board_whose_edit_slack_refuses_for_good_is_not_posted_again() {
        start("");
        report(1, "UALICE001", "Impossible de me connecter au CRM");
        assertTrue(isCard(firstAnswer(1)));
        report(2, "UBOB00001", "login KO");
        slack.awaitMatching("chat.update", c -> isBoard(c) && mentions(c, "UBOB00001"));

        // An edit refused for good (a scope taken back, say): another post would only add a message to the channel.
        slack.refusedOnce(c -> c.method().equals("chat.update") && isBoard(c), FakeSlack.Answer.error(
                "no_permission"));
        report(3, "UCAROL001", "je n'arrive plus à me connecter");
        report(4, "UDAVE0001", "connexion impossible au CRM");
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(2));
            slack.quietFor(Duration.ofMillis(300));
        }
        assertEquals(1, slack.calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") == null && isBoard(c)).count(), "the board is posted once");
    }

    static boolean isBoard(Call message) {
        return message.param("text") != null && message.param("text").startsWith(":rotating_light:");
    }

    /** Whether a message names {@code user} ({@code <@U…>}, which its blocks' JSON may write {@code \u003c@U…}). */
    static boolean mentions(Call message, String user) {
        String all = message.param("text") + message.param("blocks");
        return all.contains("<@" + user + ">") || all.contains("\\u003c@" + user + "\\u003e");
    }
}
