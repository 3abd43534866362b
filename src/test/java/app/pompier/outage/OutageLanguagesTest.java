package app.pompier.outage;

import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.outage.slack.OutageWords;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mass outage in the readers' language: what a related reporter reads in their thread (the reply naming the
 * incident, its news, its resolution) is in that thread's channel language, the leads' proposal in their channel's,
 * the incident card's count with its plurals in the card's; what one person alone reads (a refusal, the answer to
 * their click) in that person's.
 */
class OutageLanguagesTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String ERP = "C0ERP0001";
    static final String LEADS = "C0LEADS01";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    static final String[] REPORTERS = {null, "UALICE001", "UBOB00001", "UCAROL001", "UDAVE0001"};

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    void start(String languages, String extraConfig) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(ERP, "support-erp")
                .channel(LEADS, "support-leads-room")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD)
                .locale(LEAD, "fr-FR").locale(AGENT, "fr-FR").locale("USTRANGER", "fr-FR");
        for (int n = 1; n < REPORTERS.length; n++) {
            slack.locale(REPORTERS[n], "fr-FR");
        }
        pompier = new RunningPompier(slack, folder, clock, languages + """
                channels: { watch: [support-crm, support-erp]%s }
                roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads-room }
                crisis: { status_every: 30m }
                """.formatted(extraConfig));
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

    void report(int n, String channel, String text) {
        pompier.slackSends().event(callback("Ev" + n, message(channel, REPORTERS[n], ts(n), text)));
    }

    /** The first answer Pompier posted in the thread of message {@code n}: a card or a related reply. */
    Call firstAnswer(int n) {
        return slack.awaitMatching("chat.postMessage", c -> ts(n).equals(c.param("thread_ts"))
                && c.param("metadata") != null);
    }

    /** The news posted in the thread of message {@code n} that says {@code words}. */
    Call news(int n, String words) {
        return slack.awaitMatching("chat.postMessage", c -> ts(n).equals(c.param("thread_ts"))
                && c.param("metadata") != null && c.param("metadata").contains("pompier_related_news")
                && c.param("text").contains(words));
    }

    @Test
    void a_french_teams_related_reporters_read_the_reply_the_news_and_the_resolution_in_french() {
        start("language: fr\n", "");
        report(1, SUPPORT, "Impossible de me connecter au CRM depuis ce matin");
        firstAnswer(1);
        pompier.qualify(REPORTERS[1], SUPPORT, ts(1), "INC-1", "V1", new Form().text("steps", "1. Connexion")
                .text("location", "/login").text("error_message", "Erreur 500").radio("reach", "all_customers")
                .select("impact", "essential:log in").radio("reproducible", "always").radio("workaround", "none"));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'", 1);
        String cell = slack.channelIdNamed(slack.createdChannels().get(0));
        report(2, SUPPORT, "login KO");
        report(3, SUPPORT, "je n’arrive plus à me connecter");
        report(4, ERP, "Impossible de me connecter au CRM");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 3);

        Call reply = firstAnswer(2);
        assertTrue(reply.param("text").startsWith(":link: Cela ressemble à *INC-1* (P1, pris en charge depuis 10:00 :"
                + " _Impossible de me connecter au CRM depuis ce matin_). Votre signalement y est rattaché : vous en"
                + " suivrez l’évolution ici. Ce n’est pas le même problème ? Cliquez sur *C’est autre chose* et INC-2"
                + " deviendra un ticket à part entière."), reply.param("text"));
        assertTrue(reply.param("blocks").contains("C’est autre chose"), reply.param("blocks"));
        assertFalse(reply.param("blocks").contains("something else"), reply.param("blocks"));
        assertTrue(firstAnswer(4).param("text").startsWith(":link: Cela ressemble à *INC-1*"), "another channel");

        // Each channel the incident is reported from gets its board, in French; the first reporters a message.
        for (String channel : List.of(SUPPORT, ERP)) {
            Call board = slack.awaitMatching("chat.postMessage", c -> channel.equals(c.param("channel"))
                    && c.param("thread_ts") == null && c.param("text") != null
                    && c.param("text").startsWith(":rotating_light:"));
            assertTrue(board.param("text").startsWith(":rotating_light: *Incident connu : INC-1* (P1, pris en charge"
                    + " depuis 10:00 : _Impossible de me connecter au CRM depuis ce matin_). Vous le signalez ? Votre"
                    + " signalement y est rattaché : inutile d’écrire à nouveau."), board.param("text"));
        }
        Call told = slack.awaitMatching("chat.postEphemeral", c -> REPORTERS[2].equals(c.param("user")));
        assertTrue(told.param("text").startsWith(":link: Votre signalement INC-2 est rattaché à *INC-1* (P1, pris en"
                + " charge depuis 10:00"), told.param("text"));

        // The incident's card counts its reporters and each channel's reports, singular and plural.
        clock.advance(Duration.ofSeconds(1));
        Call redraw = slack.awaitMatching("chat.update", c -> c.param("blocks") != null
                && c.json("blocks").toString().contains("personnes* ont signalé"));
        String count = redraw.json("blocks").toString();
        assertTrue(count.contains(":busts_in_silhouette: *4 personnes* ont signalé le problème (3 signalements dans"
                + " <#" + SUPPORT + ">, 1 signalement dans <#" + ERP + ">), dernier signalement à 10:00"), count);

        // A status update from the cell reaches each related reporter, in French.
        pompier.slackSends().interaction(buttonClick(LEAD, cell, null, CrisisListeners.STATUS_ACTION, "INC-1"));
        pompier.slackSends().interaction(app.pompier.testing.SlackPayloads.viewSubmission(LEAD, "VS1",
                CrisisListeners.STATUS_DIALOG, "INC-1", new Form().text("known", "Le serveur d’authentification ne"
                        + " répond plus.").text("doing", "Redémarrage du service").select("next", "30")));
        Call status = news(2, "Point de situation");
        assertEquals(":information_source: Point de situation sur *INC-1* (auquel votre signalement INC-2 est"
                + " rattaché) :\n*Ce que nous savons :* Le serveur d’authentification ne répond plus.\n*Ce que nous"
                + " faisons :* Redémarrage du service\n*Prochain point :* 10:30", status.param("text"));
        news(3, "Point de situation");
        news(4, "Point de situation");

        // Resolving the incident resolves the reports; each reporter is told once, in French.
        pompier.slackSends().command(slashCommand(AGENT, SUPPORT, "/ticket", "take INC-1"));
        pompier.slackSends().interaction(buttonClick(AGENT, cell, null, CrisisListeners.RESOLVED_ACTION, "INC-1"));
        for (int n = 2; n <= 4; n++) {
            Call resolved = news(n, "est résolu");
            assertEquals(":white_check_mark: *INC-1*, auquel votre signalement INC-" + n + " est rattaché, est résolu."
                    + " Merci de votre patience ; si le problème se reproduit, dites-le-nous ici.",
                    resolved.param("text"));
        }
    }

    @Test
    void a_french_reporter_who_says_its_something_else_is_answered_in_french_and_the_leads_link_in_french() {
        start("language: fr\n", "");
        report(1, SUPPORT, "Impossible de me connecter au CRM");
        firstAnswer(1);
        report(2, SUPPORT, "je n'arrive plus à me connecter");
        firstAnswer(2);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 1);

        somethingElse("USTRANGER", "INC-2");
        assertEquals("Seul le demandeur de INC-2 (ou le support) peut indiquer qu’il s’agit d’autre chose.",
                ephemeral(1));
        somethingElse(REPORTERS[2], "INC-2");
        Call updated = slack.awaitMatching("chat.update", c -> c.param("text") != null
                && c.param("text").startsWith(":ticket:"));
        assertEquals(":ticket: Vous avez indiqué qu’il ne s’agit pas de INC-1 : c’est désormais le ticket *INC-2*,"
                + " traité à part entière ; sa fiche suit.", updated.param("text"));
        assertEquals("INC-2 est désormais un ticket à part entière, détaché de INC-1 ; sa fiche suit dans son fil.",
                ephemeral(2));
        somethingElse(REPORTERS[2], "INC-2");
        assertEquals("INC-2 est déjà un ticket à part entière.", ephemeral(3));

        assertEquals("Seuls les responsables du support rattachent des tickets.", command(AGENT, "link INC-2 INC-1"));
        assertEquals("INC-2 est désormais rattaché à INC-1 : son demandeur en est informé et sera tenu au courant de"
                + " l’évolution de INC-1.", command(LEAD, "link INC-2 INC-1"));
        assertEquals("INC-2 est déjà rattaché à INC-1.", command(LEAD, "link INC-2 INC-1"));
        assertEquals("INC-1 ne peut pas être rattaché à lui-même.", command(LEAD, "link INC-1 INC-1"));
        assertEquals("INC-9 n’existe pas ; vérifiez le numéro.", command(LEAD, "link INC-9 INC-1"));
        assertEquals("Écrivez-le ainsi : `/ticket link INC-57 INC-42` (le signalement d’abord, puis l’incident"
                + " auquel il se rattache).", command(LEAD, "link INC-2"));
        assertEquals("INC-2 est désormais un ticket à part entière, détaché de INC-1 ; sa fiche suit dans son fil.",
                command(LEAD, "unlink INC-2"));
    }

    @Test
    void a_french_teams_leads_are_proposed_a_probable_p1_in_french_and_its_card_says_why_in_french() {
        start("language: fr\ngrouping: { probable_p1_reports: 3 }\n", "");
        report(1, SUPPORT, "Impossible de me connecter au CRM");
        report(2, SUPPORT, "login KO");
        report(3, SUPPORT, "je n'arrive plus à me connecter");
        Call proposal = slack.awaitMatching("chat.postMessage", c -> LEADS.equals(c.param("channel")));
        assertTrue(proposal.param("text").contains(":rotating_light: *P1 probable* : 3 personnes ont signalé le même"
                + " problème depuis 10:00, sans qualification pour l’instant : *INC-1* _Impossible de me connecter au"
                + " CRM_. Confirmez-le en P1 pour ouvrir sa cellule de crise."), proposal.param("text"));
        assertTrue(proposal.param("blocks").contains("Confirmer le P1"), proposal.param("blocks"));

        confirm(AGENT);
        assertEquals("Seuls les responsables du support modifient une priorité.", ephemeral(1));
        confirm(LEAD);
        assertEquals("INC-1 est un P1 confirmé : sa cellule de crise s’ouvre.", ephemeral(2));
        pompier.awaitCount("SELECT COUNT(*) FROM crisis_cell WHERE state = 'open'", 1);
        assertTrue(pompier.dump("SELECT priority_reason FROM ticket WHERE id = 1")
                .contains("P1 probable confirmé : 3 personnes l’ont signalé"));
        confirm(LEAD);
        assertEquals("INC-1 est déjà un P1 confirmé.", ephemeral(3));
    }

    @Test
    void a_french_person_in_an_english_channel_reads_the_thread_in_english_and_their_own_answers_in_french() {
        start("language: fr\n", ", languages: { support-crm: en }");
        report(1, SUPPORT, "Impossible de me connecter au CRM");
        firstAnswer(1);
        report(2, SUPPORT, "je n'arrive plus à me connecter");
        Call reply = firstAnswer(2);
        assertTrue(reply.param("text").startsWith(":link: This looks like *INC-1* (reported since 10:00: _Impossible"
                + " de me connecter au CRM_). You are added to it"), reply.param("text"));
        assertTrue(reply.json("blocks").toString().contains("It's something else"), reply.param("blocks"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE related_reply_ts IS NOT NULL", 1);

        // Until Pompier knows the reporter's language, they read the channel's; then their own.
        int answers = answersUntilFrench(REPORTERS[2]);
        somethingElse(REPORTERS[2], "INC-2");
        assertEquals("INC-2 est désormais un ticket à part entière, détaché de INC-1 ; sa fiche suit dans son fil.",
                ephemeral(answers + 1));
        Call updated = slack.awaitMatching("chat.update", c -> c.param("text") != null
                && c.param("text").startsWith(":ticket:"));
        assertEquals(":ticket: You said this is not INC-1: it is now ticket *INC-2* of its own, its card follows.",
                updated.param("text"));
    }

    /**
     * Clicks <em>It's something else</em> on a ticket that does not exist until the answer is French (within 10 s):
     * until the clicker's language is known they read the channel's. Returns how many answers the clicks got.
     */
    int answersUntilFrench(String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int n = 1; System.nanoTime() < deadline; n++) {
            somethingElse(user, "INC-99");
            String answer = ephemeral(n);
            if (answer.equals("INC-99 n’existe pas ; vérifiez le numéro.")) {
                return n;
            }
            assertEquals("INC-99 does not exist; check the id.", answer);
            slack.awaitMatching("users.info", c -> user.equals(c.param("user")));
        }
        throw new AssertionError("the reporter's language was not learnt from their clicks");
    }

    void somethingElse(String user, String ticket) {
        pompier.slackSends().interaction(buttonClick(user, SUPPORT, ts(2), OutageWords.SOMETHING_ELSE_ACTION, ticket));
    }

    void confirm(String user) {
        pompier.slackSends().interaction(buttonClick(user, LEADS, null, OutageWords.CONFIRM_PROBABLE_P1_ACTION,
                "INC-1"));
    }

    /**
     * The text of the {@code n}th ephemeral answer to a click or a command, once it is there (a reporter's
     * acknowledgment that their report is linked, which starts with :link:, is not an answer).
     */
    String ephemeral(int n) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (true) {
            List<String> answers = slack.calls("chat.postEphemeral").stream().map(c -> c.param("text"))
                    .filter(t -> !t.startsWith(":link:")).toList();
            if (answers.size() >= n) {
                return answers.get(n - 1);
            }
            assertTrue(System.nanoTime() < deadline, "no ephemeral answer " + n + " within 10 s: " + answers);
            Thread.onSpinWait();
        }
    }

    String command(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
