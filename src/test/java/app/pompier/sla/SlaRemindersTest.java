package app.pompier.sla;

import app.pompier.ticket.slack.CardBlocks;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlaRemindersTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String AGENT = "UAGENT001";
    static final String TS = "1800000000.000100";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    MutableClock clock;

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    void startAt(String local) {
        clock = new MutableClock(paris(local));
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT);
        // The default calendar: Monday to Friday 09:00-18:00 in Paris, France's public holidays.
        pompier = new RunningPompier(slack, folder, clock, """
                channels: { watch: [support-crm] }
                roles: { support_group: support-team, lead_channel: support-leads }
                """);
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, TS, "Impossible de me connecter")));
        slack.await("reactions.add", 1);
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    void moveTo(String local) {
        Instant target = paris(local);
        clock.advance(Duration.between(clock.instant(), target));
    }

    void qualify(String viewId, Form form) {
        var response = pompier.qualify(REPORTER, SUPPORT, TS, "INC-1", viewId, form);
        assertEquals(200, response.statusCode(), response.body());
    }

    static Form p1(boolean complete) {
        Form form = new Form().text("location", "https://crm.example/login").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none");
        if (complete) {
            form.text("steps", "1. Ouvrir 2. Se connecter").text("error_message", "Erreur 500");
        }
        return form;
    }

    /** The SLA reminders posted in the ticket's thread so far. */
    List<String> reminders() {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> TS.equals(c.param("thread_ts")) && c.param("text").contains(" · P1 · "))
                .map(c -> c.param("text")).toList();
    }

    /**
     * A P1 qualified at 10:00 whose 50 % reminder, at 10:30, is answered 500: Slack posted it all the same
     * ({@code slackHasIt}) or did not.
     */
    void qualifiedP1WhoseFirstReminderFails(boolean slackHasIt) {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        java.util.function.Predicate<FakeSlack.Call> reminder =
                c -> c.method().equals("chat.postMessage") && c.param("metadata") != null
                        && c.json("metadata").path("event_type").asText().equals("pompier_sla_reminder");
        if (slackHasIt) {
            slack.doneButAnsweredOnce(reminder, FakeSlack.Answer.serverError());
        } else {
            slack.refusedOnce(reminder, FakeSlack.Answer.serverError());
        }
        moveTo("2026-11-23T10:30");
    }

    /**
     * Waits until the failed reminder is in doubt (its claim kept, not released) and db-scheduler has put
     * it back, 30 s after its failure: moving the clock before that would move the retry too.
     */
    void awaitInDoubtThenRetryScheduled() {
        pompier.awaitCount("SELECT COUNT(*) FROM sla_reminder WHERE at = 0 AND status = 'posting'", 1);
        pompier.awaitCount("SELECT COUNT(*) FROM scheduled_tasks"
                + " WHERE task_name = 'sla-reminder' AND consecutive_failures = 1 AND NOT picked", 1);
    }

    /** The reminders Slack holds in the ticket's thread (a call answered 500 is not one). */
    long remindersInThread() {
        return slack.thread(SUPPORT, TS).stream()
                .filter(m -> "pompier_sla_reminder".equals(m.path("metadata").path("event_type").asText())).count();
    }

    List<String> awaitReminders(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && reminders().size() < count) {
            slack.quietFor(Duration.ofMillis(10));
        }
        assertEquals(count, reminders().size(), reminders() + "\nclocks: "
                + pompier.dump("SELECT goal, pending_threshold, last_posted, due_at FROM sla_clock")
                + "\ntasks: " + pompier.dump("SELECT * FROM scheduled_tasks")
                + "\nreminders: " + pompier.dump("SELECT goal, threshold, status FROM sla_reminder")
                + "\nnow: " + clock.instant().toEpochMilli());
        return reminders();
    }

    long count(String sql) {
        return pompier.count(sql);
    }

    long dueAt() {
        return count("SELECT due_at FROM sla_clock WHERE goal = 'take_in'");
    }

    void awaitSla() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && count("SELECT COUNT(*) FROM ticket WHERE sla_dirty = 1") > 0) {
            slack.quietFor(Duration.ofMillis(10));
        }
        slack.quietFor(Duration.ofMillis(100));
    }

    @Test
    void a_p1_qualified_friday_evening_before_easter_monday_reminds_at_each_threshold_once() {
        startAt("2026-04-03T17:30");
        qualify("V1", p1(true));
        awaitSla();
        assertEquals(paris("2026-04-07T09:30").toEpochMilli(), dueAt());
        Call card = slack.await("chat.update", 1).get(0);
        assertTrue(card.json("blocks").toString().contains("Take-in due in 1 h (Tue 09:30)"), card.json("blocks").toString());

        moveTo("2026-04-03T18:00");
        assertTrue(awaitReminders(1).get(0).contains("INC-1 · P1 · take-in due in 30 min (Tue 09:30) · nobody has taken it"),
                reminders().toString());
        moveTo("2026-04-07T09:15");
        assertTrue(awaitReminders(2).get(1).contains("take-in due in 15 min (09:30)"), reminders().toString());
        moveTo("2026-04-07T09:24");
        assertTrue(awaitReminders(3).get(2).contains("take-in due in 6 min (09:30)"), reminders().toString());
        moveTo("2026-04-07T09:30");
        assertTrue(awaitReminders(4).get(3).contains("take-in breached at 09:30"), reminders().toString());

        Call lead = slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel")));
        assertTrue(lead.param("text").contains("SLA breached: INC-1 · P1 · take-in breached at 09:30"));
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(4, reminders().size(), "each threshold exactly once");
        assertEquals(4, count("SELECT COUNT(*) FROM sla_reminder WHERE goal = 'take_in' AND status = 'posted'"));
        assertTrue(slack.calls("chat.postMessage").stream().filter(c -> TS.equals(c.param("thread_ts")))
                .anyMatch(c -> c.param("blocks") != null && c.param("blocks").contains(CardBlocks.TAKE_ACTION)),
                "a reminder of an untaken ticket carries the Take button");
    }

    @Test
    void waiting_on_the_reporter_pauses_the_clock_and_answering_resumes_it() {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        assertEquals(paris("2026-11-23T11:00").toEpochMilli(), dueAt());

        moveTo("2026-11-23T10:10");
        qualify("V2", p1(false));
        awaitSla();
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE state = 'needs_info'"));
        assertEquals(1, count("SELECT COUNT(*) FROM sla_clock WHERE goal = 'take_in' AND due_at IS NULL"));

        moveTo("2026-11-23T10:40");
        assertTrue(reminders().isEmpty(), "no reminder while paused: " + reminders());
        qualify("V3", p1(true));
        awaitSla();
        assertEquals(paris("2026-11-23T11:30").toEpochMilli(), dueAt(), "30 min of pause push the deadline by 30 min");

        moveTo("2026-11-23T11:00");
        assertTrue(awaitReminders(1).get(0).contains("take-in due in 30 min (11:30)"), reminders().toString());
    }

    @Test
    void after_a_long_downtime_only_the_most_recent_reminder_is_posted() {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();

        pompier.stop();
        moveTo("2026-11-23T10:55");
        pompier.startAgain();

        assertTrue(awaitReminders(1).get(0).contains("take-in due in 5 min (11:00)"), reminders().toString());
        slack.quietFor(Duration.ofMillis(400));
        assertEquals(1, reminders().size(), "not a burst of stale ones: " + reminders());
    }

    @Test
    void a_restart_between_two_reminders_neither_loses_nor_repeats_one() {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        moveTo("2026-11-23T10:30");
        awaitReminders(1);

        pompier.restart();
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, reminders().size(), "the 50 % reminder is not posted again");
        moveTo("2026-11-23T10:45");
        assertTrue(awaitReminders(2).get(1).contains("take-in due in 15 min (11:00)"), reminders().toString());
    }

    @Test
    void a_reminder_whose_answer_was_lost_is_found_in_the_thread_and_not_posted_again() {
        qualifiedP1WhoseFirstReminderFails(true);
        awaitReminders(1);
        awaitInDoubtThenRetryScheduled();

        moveTo("2026-11-23T10:32");
        var looked = slack.awaitMatching("conversations.replies", FakeSlack::withMetadata);
        assertEquals(TS, looked.param("ts"));
        pompier.awaitCount("SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted'", 1);
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, remindersInThread(), "found in the thread, so not posted twice: " + reminders());
        assertEquals(1, count("SELECT COUNT(*) FROM sla_reminder WHERE status = 'posted' AND message_ts IS NOT NULL"));
    }

    @Test
    void a_reminder_slack_never_received_is_posted_after_looking_for_it() {
        qualifiedP1WhoseFirstReminderFails(false);
        awaitInDoubtThenRetryScheduled();
        assertEquals(0, remindersInThread());

        moveTo("2026-11-23T10:32");
        slack.awaitMatching("conversations.replies", FakeSlack::withMetadata);
        assertTrue(awaitReminders(2).get(1).contains("take-in due in 28 min (11:00)"), reminders().toString());
        slack.quietFor(Duration.ofMillis(300));
        assertEquals(1, remindersInThread());
    }

    @Test
    void taking_the_ticket_meets_the_take_in_and_stops_its_reminders() {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        moveTo("2026-11-23T10:20");
        pompier.slackSends().interaction(buttonClick(AGENT, SUPPORT, TS, CardBlocks.TAKE_ACTION, "INC-1"));

        Call told = slack.await("chat.postEphemeral", 1).get(0);
        assertEquals("You have taken INC-1.", told.param("text"));
        awaitSla();
        assertEquals(1, count("SELECT COUNT(*) FROM ticket WHERE assignee = 'UAGENT001' AND state = 'in_progress'"));
        assertEquals(1, count("SELECT COUNT(*) FROM sla_clock WHERE goal = 'take_in' AND met = 1 AND due_at IS NULL"));
        assertEquals(1, count("SELECT COUNT(*) FROM ticket_event WHERE kind = 'sla' AND detail = 'take-in met (20 min of 1 h)'"));
        moveTo("2026-11-23T11:30");
        slack.quietFor(Duration.ofMillis(300));
        assertTrue(reminders().stream().noneMatch(r -> r.contains("take-in")), reminders().toString());
        Call card = slack.calls("chat.update").get(slack.calls("chat.update").size() - 1);
        assertTrue(card.json("blocks").toString().contains("Taken by"), card.json("blocks").toString());
        assertFalse(card.json("blocks").toString().contains(CardBlocks.TAKE_ACTION));
    }

    @Test
    void someone_outside_support_cannot_take_a_ticket_and_a_taken_one_says_who_has_it() throws Exception {
        startAt("2026-11-23T10:00");
        var stranger = pompier.slackSends().command(slashCommand("USTRANGER", SUPPORT, "/ticket", "take INC-1"));
        assertTrue(JSON.readTree(stranger.body()).path("text").asText().contains("only members of support"));
        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "take INC-1"));
        var again = pompier.slackSends().command(slashCommand("ULEAD0001", SUPPORT, "/ticket", "take INC-1"));
        assertTrue(JSON.readTree(again.body()).path("text").asText().contains("already taken by <@UAGENT001>"));
    }

    @Test
    void sla_command_lists_breached_then_due_by_priority_then_deadline() throws Exception {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        var soon = JSON.readTree(pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/sla", "")).body());
        assertTrue(soon.path("text").asText().contains("*Due in the next 8 business hours* (1)"), soon.toString());
        assertTrue(soon.path("text").asText().contains("INC-1 · P1 · take-in due in 1 h (11:00) · nobody has taken it"));

        moveTo("2026-11-23T11:05");
        assertTrue(awaitReminders(1).get(0).contains("take-in breached at 11:00"), "only the most recent one");
        var late = JSON.readTree(pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/sla", "2")).body());
        assertTrue(late.path("text").asText().startsWith("*Breached* (1)"), late.toString());
        var wrong = JSON.readTree(pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/sla", "soon")).body());
        assertTrue(wrong.path("text").asText().contains("such as `/sla 4`"));
    }

    @Test
    void resolving_a_ticket_nobody_took_ends_its_reminders() {
        startAt("2026-11-23T10:00");
        qualify("V1", p1(true));
        awaitSla();
        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "state INC-1 resolved"));
        awaitSla();

        assertEquals(0, count("SELECT COUNT(*) FROM sla_clock WHERE done_at IS NULL"));
        assertEquals(0, count("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'sla-reminder'"));
        moveTo("2026-11-23T11:30");
        slack.quietFor(Duration.ofMillis(300));
        assertTrue(reminders().isEmpty(), reminders().toString());
    }
}
