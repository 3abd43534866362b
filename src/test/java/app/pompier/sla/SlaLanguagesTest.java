package app.pompier.sla;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLA reminders are in the language of where they are posted (the ticket's thread, the leads' channel), and
 * {@code /sla} answers in its asker's.
 */
class SlaLanguagesTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String AGENT = "UAGENT001";
    static final String LEAD = "ULEAD0001";
    static final String TS = "1800000000.000100";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    MutableClock clock;

    static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    /** A P1 qualified on the Friday before Easter at 17:30: its take-in falls due on Tuesday at 09:30. */
    void p1QualifiedBeforeEaster(String channels) {
        clock = new MutableClock(paris("2026-04-03T17:30"));
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD)
                .locale(REPORTER, "fr-FR").locale(AGENT, "fr-FR").locale(LEAD, "fr-FR");
        pompier = new RunningPompier(slack, folder, clock, """
                language: fr
                roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads }
                """ + channels);
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, TS, "Impossible de me connecter")));
        slack.await("reactions.add", 1);
        Form form = new Form().text("location", "https://crm.example/login").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none")
                .text("steps", "1. Ouvrir 2. Se connecter").text("error_message", "Erreur 500");
        var response = pompier.qualify(REPORTER, SUPPORT, TS, "INC-1", "V1", form);
        assertEquals(200, response.statusCode(), response.body());
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE sla_dirty = 0 AND priority = 'P1'", 1);
    }

    @AfterEach
    void stop() {
        if (pompier != null) {
            pompier.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    void moveTo(String local) {
        clock.advance(Duration.between(clock.instant(), paris(local)));
    }

    /** The first reminder posted in the ticket's thread, once it is there. */
    Call firstReminder() {
        return slack.awaitMatching("chat.postMessage", c -> TS.equals(c.param("thread_ts"))
                && c.param("metadata") != null && c.param("metadata").contains("pompier_sla_reminder"));
    }

    Call breachToTheLeads() {
        return slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").contains(":rotating_light:"));
    }

    String sla(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/sla", text));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void a_french_team_is_reminded_breaches_are_told_and_sla_answers_in_french_with_french_dates() {
        p1QualifiedBeforeEaster("channels: { watch: [support-crm] }\n");

        moveTo("2026-04-03T18:00");
        Call reminder = firstReminder();
        assertTrue(reminder.param("text").contains("INC-1 · P1 · prise en charge attendue d’ici 30 min (mar. 09:30)"
                + " · personne ne l’a pris en charge"), reminder.param("text"));
        assertTrue(reminder.param("blocks").contains("Prendre en charge"), "the Take button: " + reminder.param("blocks"));
        assertTrue(sla(LEAD, "").contains("À échéance dans les 8 prochaines heures ouvrées* (1)"));

        moveTo("2026-04-07T09:30");
        String breach = breachToTheLeads().param("text");
        assertTrue(breach.contains(":rotating_light: Délai SLA dépassé : INC-1 · P1 · prise en charge hors délai depuis"
                + " 09:30 · personne ne l’a pris en charge · <"), breach);
        assertTrue(breach.contains("|ouvrir le signalement>"), breach);
        String answer = sla(LEAD, "4h");
        assertTrue(answer.contains("*Hors délai* (1)") && answer.contains("prise en charge hors délai depuis 09:30")
                && answer.contains("|signalement>"), answer);
        assertTrue(sla(LEAD, "beaucoup").contains("`/sla` prend un nombre d’heures ouvrées, par exemple `/sla 4` ;"
                + " par défaut 8."));
    }

    @Test
    void an_english_support_channel_of_a_french_team_is_reminded_in_english_and_its_leads_in_french() {
        p1QualifiedBeforeEaster("channels: { watch: [support-crm], languages: { support-crm: en } }\n");

        moveTo("2026-04-03T18:00");
        Call reminder = firstReminder();
        assertTrue(reminder.param("text").contains("INC-1 · P1 · take-in due in 30 min (Tue 09:30) · nobody has taken"
                + " it"), reminder.param("text"));
        assertTrue(reminder.param("blocks").contains("\"Take\""), reminder.param("blocks"));
        assertFalse(reminder.param("text").contains("prise en charge"), reminder.param("text"));

        moveTo("2026-04-07T09:30");
        String breach = breachToTheLeads().param("text");
        assertTrue(breach.contains("Délai SLA dépassé : INC-1 · P1 · prise en charge hors délai depuis 09:30"), breach);

        // A French lead asking from the English channel reads their own answer in French, once Pompier knows them.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String answer = sla(LEAD, "");
        while (!answer.contains("Hors délai") && System.nanoTime() < deadline) {
            assertTrue(answer.contains("*Breached* (1)"), "the channel's language meanwhile: " + answer);
            slack.quietFor(Duration.ofMillis(20));
            answer = sla(LEAD, "");
        }
        assertTrue(answer.contains("*Hors délai* (1)"), answer);
        List<String> thread = slack.calls("chat.postMessage").stream()
                .filter(c -> TS.equals(c.param("thread_ts")) && c.param("metadata") != null
                        && c.param("metadata").contains("pompier_sla_reminder"))
                .map(c -> c.param("text")).toList();
        assertTrue(thread.stream().allMatch(t -> t.contains("take-in")), thread.toString());
    }
}
