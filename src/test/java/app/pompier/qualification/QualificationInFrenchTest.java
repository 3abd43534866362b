package app.pompier.qualification;

import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import app.pompier.ticket.slack.CardBlocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static app.pompier.qualification.QualificationTest.complete;
import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who reads qualification in which language: the dialog in the clicking person's, what the ticket's thread says in
 * its channel's, what the leads read in their channel's (else the team's).
 */
class QualificationInFrenchTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String TS = "1800000000.000100";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:30:00Z"));

    /** A French team; {@code channels} is its {@code channels} section. The reporter reads Slack in French. */
    void start(String channels) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", "UAGENT001").userGroup("S0LEADS01", "support-leads", "ULEAD0001")
                .locale(REPORTER, "fr-FR");
        pompier = new RunningPompier(slack, folder, clock, """
                language: fr
                channels: %s
                roles:
                  support_group: support-team
                  lead_group: support-leads
                  lead_channel: support-leads
                policy:
                  essential_functions: [log in, search, create a contact]
                """.formatted(channels));
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, TS, "Je n'arrive pas à me connecter")));
        slack.await("reactions.add", 1);
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

    /** Clicks Qualify as the reporter and returns the modal Slack was asked to open. */
    JsonNode clickQualify() {
        int before = slack.calls("views.open").size();
        pompier.slackSends().interaction(buttonClick(REPORTER, SUPPORT, TS, CardBlocks.QUALIFY_ACTION, "INC-1"));
        return slack.await("views.open", before + 1).get(before).json("view");
    }

    /**
     * Clicks Qualify until the dialog is in French: the reporter's language is learnt in the background from their
     * first message, and until then they read their channel's.
     */
    JsonNode clickQualifyOnceTheirLanguageIsKnown() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode view = clickQualify();
        while (!view.path("title").path("text").asText().equals("Qualifier INC-1") && System.nanoTime() < deadline) {
            view = clickQualify();
        }
        return view;
    }

    HttpResponse<String> submit(JsonNode view, String viewId, Form form) {
        return pompier.slackSends().interaction(viewSubmission(REPORTER, viewId, QualificationDialog.CALLBACK_ID,
                view.path("private_metadata").asText(), form));
    }

    Call inThread(String words) {
        return slack.awaitMatching("chat.postMessage", c -> TS.equals(c.param("thread_ts"))
                && c.param("text").contains(words));
    }

    Call toLeads(String words) {
        return slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel"))
                && c.param("text").contains(words));
    }

    @Test
    void a_french_team_qualifies_in_french_from_the_dialog_to_the_thread() throws Exception {
        start("{ watch: [support-crm] }");

        JsonNode view = clickQualify();
        assertEquals("Qualifier INC-1", view.path("title").path("text").asText());
        assertEquals("Envoyer", view.path("submit").path("text").asText());
        String dialog = view.toString();
        for (String words : new String[]{"Étapes pour reproduire", "Qui est touché ?", "Tous les clients",
                "Fonction essentielle bloquée : create a contact", "Existe-t-il un contournement ?",
                "Technique : base de données", "P1 — bloquant, sans contournement"}) {
            assertTrue(dialog.contains(words), words + " in " + dialog);
        }

        JsonNode errors = JSON.readTree(submit(view, "V0", new Form().radio("workaround", "yes")).body());
        assertEquals("Décrivez le contournement, ou répondez qu’il n’y en a pas.",
                errors.path("errors").path("workaround_text").asText(), errors.toString());

        submit(view, "V1", new Form().radio("reach", "one_user").select("impact", "function")
                .radio("reproducible", "always").radio("workaround", "none").text("location", "Contacts > Nouveau"));
        var askedCall = inThread("le support a encore besoin de");
        String asked = askedCall.param("text");
        assertTrue(askedCall.param("blocks").contains("Compléter le signalement"), "its button, in French: "
                + askedCall.param("blocks"));
        assertTrue(asked.contains("• les étapes pour reproduire le problème"), asked);
        assertTrue(asked.contains("• le message d’erreur exact, ou une capture d’écran"), asked);
        assertFalse(asked.contains("l’endroit de l’application"), "the place was given");

        submit(clickQualify(), "V2", complete("essential:log in", "all_customers", null));
        String qualified = inThread("est qualifié").param("text");
        assertEquals("*INC-1* est qualifié : *P1*. P1 : « log in » inutilisable pour tous les clients, sans"
                + " contournement. Le support prend le relais.", qualified);
        assertEquals(1, pompier.count("SELECT COUNT(*) FROM ticket WHERE priority_reason"
                + " = 'P1: ''log in'' unusable for all customers, no workaround'"), "the ticket keeps it in English");
    }

    @Test
    void a_french_reporter_in_an_english_channel_fills_the_dialog_in_french_while_the_thread_stays_english()
            throws Exception {
        start("{ watch: [support-crm], languages: { support-crm: en } }");

        JsonNode view = clickQualifyOnceTheirLanguageIsKnown();
        assertEquals("Qualifier INC-1", view.path("title").path("text").asText(), "the reporter reads French");
        assertTrue(view.toString().contains("Le problème se reproduit-il quand vous réessayez ?"), view.toString());

        JsonNode errors = JSON.readTree(submit(view, "V0", new Form()).body());
        assertEquals("Choisissez ce qu’on ne peut plus faire.", errors.path("errors").path("impact").asText());

        submit(view, "V1", complete("essential:log in", "several_users", "passer par l'application mobile")
                .select("claimed", "P1"));
        inThread("*INC-1* is qualified: *P1 (claimed, unconfirmed; policy gives P2)*. P2: 'log in' unusable for"
                + " several users, workaround: passer par l'application mobile. Support takes it from here.");
        inThread("<@UREPORTER> you claimed *P1*; the policy gives *P2*");
        String leads = toLeads("demande *P1*").param("text");
        assertTrue(leads.contains("la grille de priorité donne *P2* (P2 : « log in » inutilisable pour plusieurs"
                + " utilisateurs, contournement : passer par l'application mobile)"), leads);
        assertTrue(leads.contains("|Ouvrir le signalement>"), leads);
    }

    @Test
    void a_stranger_reading_french_is_refused_in_french() {
        start("{ watch: [support-crm] }");
        pompier.slackSends().interaction(buttonClick("USTRANGER", SUPPORT, TS, CardBlocks.QUALIFY_ACTION, "INC-1"));

        Call refusal = slack.await("chat.postEphemeral", 1).get(0);
        assertEquals("seuls le demandeur de INC-1 et les membres du support peuvent le qualifier",
                refusal.param("text"));
    }
}
