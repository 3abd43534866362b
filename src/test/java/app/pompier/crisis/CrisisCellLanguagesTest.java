package app.pompier.crisis;

import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.ts;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cell speaks the language of the channel its ticket came from, for everyone there; the status dialog and the
 * refusals speak the language of the one person who clicked.
 */
class CrisisCellLanguagesTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String STAKEHOLDERS = "C0DIRECTN";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());

    /** A French team; {@code channels} is its channels' section. Its lead and the reporter read Slack in French. */
    void start(String channels) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(STAKEHOLDERS, "direction-incidents")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD)
                .locale(LEAD, "fr-FR").locale(REPORTER, "fr-FR");
        pompier = new RunningPompier(slack, folder, clock, """
                language: fr
                channels: %s
                roles: { support_group: support-team, lead_group: support-leads }
                crisis:
                  stakeholder_channel: direction-incidents
                  status_every: 30m
                """.formatted(channels));
    }

    @AfterEach
    void stop() {
        pompier.close();
        slack.close();
    }

    /** Cannot log in, for all customers, every time, no workaround: a P1 the policy confirms, open in its cell. */
    String p1InItsCell(String text) {
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, ts(1), text)));
        slack.await("reactions.add", 1);
        pompier.qualify(REPORTER, SUPPORT, ts(1), "INC-1", "V1", new Form().text("steps", "1. Ouvrir 2. Connexion")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'", 1);
        return slack.channelIdNamed(slack.createdChannels().get(0));
    }

    Call postIn(String channel, String start) {
        return slack.awaitMatching("chat.postMessage", c -> channel.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").startsWith(start));
    }

    /** The lead's language is learnt at start, before anyone clicks. */
    void leadsLanguageKnown() {
        slack.awaitMatching("users.info", c -> LEAD.equals(c.param("user")));
    }

    /** The lead opens the status dialog from the cell and posts an update; the dialog they were shown. */
    JsonNode statusUpdateByTheLead(String cell) {
        int views = slack.calls("views.open").size();
        pompier.slackSends().interaction(buttonClick(LEAD, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        JsonNode dialog = slack.await("views.open", views + 1).get(views).json("view");
        pompier.slackSends().interaction(viewSubmission(LEAD, "VS1", CrisisListeners.STATUS_DIALOG, "INC-1",
                new Form().text("known", "Le serveur d'authentification ne répond plus.")
                        .text("doing", "Redémarrage du service en cours").select("next", "30")));
        return dialog;
    }

    @Test
    void a_french_teams_p1_opens_a_cell_that_speaks_french_and_its_commander_gets_a_french_status_dialog() {
        start("{ watch: [support-crm] }");
        leadsLanguageKnown();
        String cell = p1InItsCell("Impossible de me connecter à l'espace client !");

        String topic = slack.calls("conversations.setTopic").get(0).param("topic");
        assertTrue(topic.startsWith("INC-1 · P1 · "), topic);
        assertTrue(topic.endsWith("pilote <@ULEAD0001>"), topic);
        Call summary = slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && "Cellule de crise de INC-1".equals(c.param("text")));
        String shown = summary.json("blocks").get(0).path("text").path("text").asText();
        for (String words : List.of("*Étapes pour reproduire :* 1. Ouvrir 2. Connexion", "*Erreur :* Erreur 500",
                "*Impact :* fonction essentielle hors service (log in), pour tous les clients",
                "*Contournement :* aucun", "*Demandeur :* <@UREPORTER> · *Pilote :* <@ULEAD0001>")) {
            assertTrue(shown.contains(words), words + " in " + shown);
        }
        assertTrue(summary.json("blocks").toString().contains("Faire un point de situation"));
        assertEquals("Signalement d’origine INC-1", slack.calls("bookmarks.add").get(0).param("title"));
        Call link = postIn(SUPPORT, ":rotating_light: *INC-1* est un incident P1 : une cellule de crise est ouverte dans <#"
                + cell + ">. Nous vous tiendrons au courant ici.");
        assertEquals(ts(1), link.param("thread_ts"));

        clock.advance(Duration.ofMinutes(31));
        Call ask = postIn(cell, ":loudspeaker: Aucun point de situation sur INC-1 depuis 31 min. <@ULEAD0001>, où en"
                + " sommes-nous ?");
        assertTrue(ask.param("blocks").contains("Faire un point de situation"));

        JsonNode dialog = statusUpdateByTheLead(cell);
        assertEquals("Point de situation INC-1", dialog.path("title").path("text").asText());
        assertEquals("Publier", dialog.path("submit").path("text").asText());
        assertEquals("Ce que nous savons", dialog.path("blocks").get(0).path("label").path("text").asText());
        assertEquals("30 minutes", dialog.path("blocks").get(2).path("element").path("initial_option").path("text")
                .path("text").asText());
        assertTrue(dialog.toString().contains("\"1 heure\""), dialog.toString());

        Call relayed = postIn(SUPPORT, "Du nouveau sur votre signalement *INC-1* : ");
        assertTrue(relayed.param("text").contains("De notre côté : redémarrage du service en cours. Prochaines"
                + " nouvelles d’ici 11:01."), relayed.param("text"));
        assertTrue(postIn(cell, ":memo: *Point de situation* par <@ULEAD0001>").param("text")
                .contains("*Ce que nous faisons :* Redémarrage du service en cours"));
        assertTrue(postIn(STAKEHOLDERS, ":rotating_light: *INC-1* (P1) · ").param("text")
                .endsWith("· prochain point 11:01"));

        // Recorded in the timeline after it is relayed: the review reads it there.
        pompier.awaitCount("SELECT COUNT(*) FROM ticket_event WHERE kind = 'status_update'", 1);
        clock.advance(Duration.ofMinutes(10));
        pompier.slackSends().interaction(buttonClick(LEAD, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        String review = postIn(cell, ":clipboard: *Brouillon de retour d’expérience (REX) — INC-1*").param("text");
        for (String words : List.of("*Chronologie*", "point de situation par <@ULEAD0001>", "*Durées*",
                "• résolution : 41 min en heures ouvrées, 41 min en temps réel", "• SLA de prise en charge : ",
                "*Impact :* fonction essentielle inutilisable : log in, tous les clients",
                "*Questions auxquelles le REX doit répondre*", "Quelle est la cause racine ?",
                "tests de non-régression, recette")) {
            assertTrue(review.contains(words), words + " in " + review);
        }
    }

    @Test
    void a_french_lead_in_an_english_channels_cell_reads_the_cell_in_english_and_the_dialog_in_french() {
        start("{ watch: [support-crm], languages: { support-crm: en } }");
        leadsLanguageKnown();
        String cell = p1InItsCell("Impossible de me connecter à l'espace client !");

        assertTrue(slack.calls("conversations.setTopic").get(0).param("topic").endsWith("commander <@ULEAD0001>"));
        postIn(SUPPORT, ":rotating_light: *INC-1* is a P1: a crisis cell is open in <#" + cell + ">.");
        Call summary = slack.awaitMatching("chat.postMessage", c -> cell.equals(c.param("channel"))
                && "Crisis cell of INC-1".equals(c.param("text")));
        assertTrue(summary.json("blocks").toString().contains("*Steps to reproduce:* 1. Ouvrir 2. Connexion"));

        JsonNode dialog = statusUpdateByTheLead(cell);
        assertEquals("Point de situation INC-1", dialog.path("title").path("text").asText(), "the lead's own language");
        postIn(SUPPORT, "Update on your report *INC-1*: ");
        postIn(cell, ":memo: *Status update* by <@ULEAD0001>");
        postIn(STAKEHOLDERS, ":rotating_light: *INC-1* (P1) · ");

        String stranger = "USTRANGER";
        slack.locale(stranger, "fr-FR");
        pompier.slackSends().interaction(buttonClick(stranger, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        Call told = slack.awaitMatching("chat.postEphemeral", c -> stranger.equals(c.param("user")));
        assertEquals("Seuls le pilote <@ULEAD0001>, le support et ses responsables peuvent résoudre INC-1 ; dites-leur"
                + " ici ce que vous savez.", told.param("text"));
    }
}
