package app.pompier.ticket;

import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.ticket.slack.CardBlocks;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static app.pompier.testing.SlackPayloads.buttonClick;
import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.reaction;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ticket's words reach people in their language: the card and the thread's notices in the channel's, what one
 * person alone reads (the Take button's answer, a refusal, a command's answer) in that person's.
 */
class TicketLanguagesTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String REPORTER = "UREPORTER";
    static final String AGENT = "UAGENT001";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    void start(String configYaml) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").userGroup("S0SUPPORT", "support-team", AGENT)
                .locale(REPORTER, "fr-FR").locale(AGENT, "fr-FR");
        pompier = new RunningPompier(slack, folder, clock, configYaml);
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

    @Test
    void a_french_team_gets_its_card_its_answers_and_its_notices_in_french() {
        start("""
                language: fr
                channels: { watch: [support-crm] }
                roles: { support_group: support-team }
                """);
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, ts(1), "La facturation est bloquée")));

        Call card = slack.await("chat.postMessage", 1).get(0);
        String blocks = card.json("blocks").toString();
        for (String words : new String[]{"Demandeur", "Nouveau", "Priorité", "Inconnue avant qualification",
                "Origine", "un message dans un canal suivi", "Qualifier", "Prendre en charge",
                "le support a besoin des étapes"}) {
            assertTrue(blocks.contains(words), words + " in " + blocks);
        }
        assertFalse(blocks.contains("Reporter"), blocks);
        assertTrue(card.param("text").startsWith("INC-1 (Nouveau) : La facturation"), card.param("text"));

        // The reporter is not support: the domain's refusal, in French.
        click(REPORTER);
        assertEquals("Seuls les membres du support prennent les tickets en charge", ephemeral(1));
        click(AGENT);
        assertEquals("Vous avez pris en charge INC-1.", ephemeral(2));
        Call redrawn = slack.awaitMatching("chat.update", c -> c.param("blocks").contains("En cours"));
        assertTrue(redrawn.param("blocks").contains("Pris en charge par"), redrawn.param("blocks"));
        click(AGENT);
        assertEquals("INC-1 est déjà pris en charge par <@" + AGENT + "> ; un responsable du support peut le"
                + " réattribuer.", ephemeral(3));

        assertEquals("Seuls les membres du support changent l’état d’un ticket.",
                command(REPORTER, "state INC-1 waiting"));
        assertEquals("INC-1 est déjà en cours.", command(AGENT, "state INC-1 in_progress"));
        assertEquals("INC-1 est maintenant résolu.", command(AGENT, "state INC-1 resolved"));
        Call resolved = slack.awaitMatching("chat.postMessage", c -> c.param("text").contains("est résolu"));
        assertEquals(":white_check_mark: *INC-1* est résolu. Merci de votre patience ; signalez-le ici si le"
                + " problème réapparaît.", resolved.param("text"));
        assertEquals("INC-1 est résolu ; plus rien à prendre en charge", command(AGENT, "take INC-1"));
    }

    @Test
    void a_french_agent_in_an_english_channel_reads_the_card_in_english_and_their_own_answers_in_french() {
        start("""
                language: fr
                channels: { watch: [support-crm], languages: { support-crm: en } }
                roles: { support_group: support-team }
                """);
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, REPORTER, ts(1), "Billing is stuck")));
        String card = slack.await("chat.postMessage", 1).get(0).json("blocks").toString();
        assertTrue(card.contains("Reporter") && card.contains("Unknown until qualified") && card.contains("Take"),
                card);
        assertFalse(card.contains("Demandeur"), card);

        // Someone Pompier has not heard from yet reads the channel's language, once; then their own.
        int answers = answersUntilFrench();
        click(AGENT);
        assertEquals("Vous avez pris en charge INC-1.", ephemeral(answers + 1));
        Call redrawn = slack.awaitMatching("chat.update", c -> c.param("blocks").contains("In progress"));
        assertTrue(redrawn.param("blocks").contains("Taken by"), redrawn.param("blocks"));
        assertFalse(redrawn.param("blocks").contains("En cours"), redrawn.param("blocks"));

        // Asking again for a ticket on the message: only the agent is told, in French.
        pompier.slackSends().event(callback("Ev2", reaction(AGENT, "ticket", SUPPORT, ts(1), REPORTER)));
        String already = ephemeral(answers + 2);
        assertTrue(already.startsWith("Ce message est déjà le ticket *INC-1* (En cours) (<https://"), already);
    }

    /**
     * Whether the agent's answers turn French within 10 s, clicking Take on a ticket that does not exist meanwhile:
     * until their language is known they read the channel's. Returns how many answers the clicks got.
     */
    int answersUntilFrench() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int n = 1; System.nanoTime() < deadline; n++) {
            pompier.slackSends().interaction(buttonClick(AGENT, SUPPORT, ts(1), CardBlocks.TAKE_ACTION, "INC-99"));
            String answer = ephemeral(n);
            if (answer.equals("INC-99 n’existe pas ; vérifiez le numéro du ticket")) {
                return n;
            }
            assertEquals("INC-99 does not exist; check the ticket id", answer);
            slack.awaitMatching("users.info", c -> AGENT.equals(c.param("user")));
        }
        throw new AssertionError("the agent's language was not learnt from their clicks");
    }

    void click(String user) {
        pompier.slackSends().interaction(buttonClick(user, SUPPORT, ts(1), CardBlocks.TAKE_ACTION, "INC-1"));
    }

    /** The text of the {@code n}th ephemeral answer, once it is there. */
    String ephemeral(int n) {
        return slack.await("chat.postEphemeral", n).get(n - 1).param("text");
    }

    String command(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body()).path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
