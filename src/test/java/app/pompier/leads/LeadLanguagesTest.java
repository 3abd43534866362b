package app.pompier.leads;

import app.pompier.testing.FakeSlack;
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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ticket} and the App Home speak their reader's language: French sub-commands beside the English ones, the
 * answers and the help in the asker's language, the Home in its viewer's.
 */
class LeadLanguagesTest {
    static final String SUPPORT = "C0SUPPORT";
    static final String LEADS = "C0LEADS01";
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLES = """
            roles: { support_group: support-team, lead_group: support-leads, lead_channel: support-leads }
            """;

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00")
            .atZone(ZoneId.of("Europe/Paris")).toInstant());

    void start(String configYaml) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD)
                .locale(LEAD, "fr-FR").locale(AGENT, "fr-FR").locale(REPORTER, "fr-FR");
        pompier = new RunningPompier(slack, folder, clock, configYaml + ROLES);
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

    /** A report qualified as a P1 (an essential function unusable, no workaround). */
    void p1(int n) {
        int cards = slack.calls("reactions.add").size();
        pompier.slackSends().event(callback("Ev" + n, message(SUPPORT, REPORTER, ts(n), "Connexion impossible " + n)));
        slack.await("reactions.add", cards + 1);
        Form form = new Form().text("steps", "1. Ouvrir").text("location", "/login").text("error_message", "Erreur 500")
                .radio("reach", "all_customers").select("impact", "essential:log in").radio("reproducible", "always")
                .radio("workaround", "none");
        pompier.qualify(REPORTER, SUPPORT, ts(n), "INC-" + n, "V" + n, form);
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE number = " + n
                + " AND state = 'qualified' AND sla_dirty = 0", 1);
    }

    /** What {@code /ticket text} answered {@code user}: its blocks, or its text. */
    String command(String user, String text) {
        var response = pompier.slackSends().command(slashCommand(user, SUPPORT, "/ticket", text));
        assertEquals(200, response.statusCode(), response.body());
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.has("blocks") ? body.path("blocks").toString() : body.path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void a_french_lead_lists_takes_moves_and_reads_a_ticket_with_french_sub_commands_and_french_answers() {
        start("""
                language: fr
                channels: { watch: [support-crm] }
                """);
        p1(1);

        String list = command(AGENT, "liste");
        assertTrue(list.contains("*Tickets ouverts*, par priorité puis échéance"), list);
        assertTrue(list.contains("*INC-1* · P1 · Qualifié · non attribué · :stopwatch: prise en charge attendue"
                + " d’ici 1 h (11:00)"), list);
        assertTrue(list.contains("|signalement>"), list);
        assertEquals("Vous avez pris en charge INC-1.", command(AGENT, "prendre INC-1"));
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE assignee = '" + AGENT + "'", 1);
        String shown = command(LEAD, "voir INC-1");
        assertTrue(shown.contains("*Historique*") && shown.contains("ticket ouvert par <@" + REPORTER + ">")
                && shown.contains("prise en charge par <@" + AGENT + ">"), shown);
        assertTrue(command(LEAD, "montrer INC-99").contains("INC-99 n’existe pas ; vérifiez le numéro du ticket."));
        String mine = command(AGENT, "liste mes");
        assertTrue(mine.contains("*Vos tickets*") && mine.contains("En cours") && mine.contains("<@" + AGENT + ">"),
                mine);
        assertTrue(command(LEAD, "liste non-attribués").contains("Aucun ticket non attribué."));
        assertTrue(command(LEAD, "liste hors_delai").contains("Aucun ticket hors délai."));
        String notAList = command(LEAD, "liste tout");
        assertTrue(notAList.contains("`tout` n’est pas une liste ; écrivez `/ticket liste ouverts|mes|p1"), notAList);

        // French state names, with or without their accents.
        command(AGENT, "état INC-1 en_attente");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE state = 'waiting'", 1);
        command(AGENT, "etat INC-1 résolu");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE state = 'resolved'", 1);
        assertEquals("Écrivez-le ainsi : `/ticket rouvrir INC-42 <motif>`.", command(LEAD, "rouvrir"));
        assertEquals("INC-1 est rouvert.", command(LEAD, "rouvrir INC-1 le client voit encore l’erreur"));
        // The use cases' refusals too are said in the asker's language, with a full stop.
        assertEquals("INC-1 n’est ni résolu ni clos.", command(LEAD, "rouvrir INC-1 encore"));
        assertEquals("INC-99 n’existe pas ; vérifiez le numéro du ticket.", command(LEAD, "attribuer INC-99 <@"
                + AGENT + ">"));
        command(LEAD, "catégorie INC-1 base_de_données");
        pompier.awaitCount("SELECT COUNT(*) FROM ticket WHERE category = 'database'", 1);

        assertEquals("Écrivez-le ainsi : `/ticket priorité INC-42 P1|P2|P3 <motif>`.",
                command(LEAD, "priorite INC-1 P7 urgent"));
        assertEquals("Écrivez-le ainsi : `/ticket attribuer INC-42 @quelqu’un`.", command(LEAD, "attribuer INC-1"));
        assertEquals("INC-1 est attribué à <@UAGENT002>.", command(LEAD, "attribuer INC-1 <@UAGENT002|bob>"));

        String timeline = command(LEAD, "voir INC-1");
        assertTrue(timeline.contains("état par <@" + AGENT + "> : waiting -&gt; resolved"), timeline);

        String unknown = command(LEAD, "n_importe_quoi");
        assertTrue(unknown.startsWith("Je ne connais pas `/ticket n_importe_quoi`.\n*Pompier* — commandes `/ticket` :"),
                unknown);
    }

    @Test
    void the_french_help_shows_french_names_each_of_which_is_a_sub_command() {
        start("""
                language: fr
                channels: { watch: [support-crm] }
                """);
        String help = command(LEAD, "aide");
        assertEquals(help, command(LEAD, ""));
        assertTrue(help.startsWith("*Pompier* — commandes `/ticket` :"), help);
        assertTrue(help.contains("• `/ticket prendre INC-42` — prendre un ticket en charge (support)"), help);
        assertFalse(help.contains("/ticket take INC-42"), "the English names are only mentioned: " + help);

        Matcher named = Pattern.compile("(?m)^• `/ticket (\\S+)").matcher(help);
        List<String> names = new ArrayList<>();
        while (named.find()) {
            names.add(named.group(1).replace("`", ""));
        }
        assertTrue(names.size() >= 16, names.toString());
        for (String name : names) {
            String answer = command(LEAD, name);
            assertFalse(answer.contains("Je ne connais pas"), name + ": " + answer);
        }
        Matcher lists = Pattern.compile("`/ticket liste \\[([^]]+)]").matcher(help);
        assertTrue(lists.find(), help);
        for (String filter : lists.group(1).split("\\|")) {
            String answer = command(LEAD, "liste " + filter);
            assertFalse(answer.contains("n’est pas une liste"), filter + ": " + answer);
        }
    }

    @Test
    void an_english_team_reads_the_english_answers_as_before_and_may_type_the_french_names() {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(LEADS, "support-leads")
                .userGroup("S0SUPPORT", "support-team", AGENT).userGroup("S0LEADS01", "support-leads", LEAD);
        pompier = new RunningPompier(slack, folder, clock, "channels: { watch: [support-crm] }\n" + ROLES);
        p1(1);

        String list = command(LEAD, "list");
        assertTrue(list.contains("*Open tickets*, by priority then deadline"), list);
        assertTrue(list.contains("*INC-1* · P1 · Qualified · unassigned · :stopwatch: take-in due in 1 h (11:00)"),
                list);
        assertEquals(list, command(LEAD, "liste"), "a French name, answered in the asker's English");
        String help = command(LEAD, "help");
        assertTrue(help.startsWith("*Pompier* — `/ticket` commands:\n• `/ticket list [open|mine|p1|breached|unassigned]`"
                + " — the queue, by priority then deadline\n"), help);
        assertTrue(help.endsWith("\n• `/ticket help` — this list\nTo open a ticket, write in a support channel, mention"
                + " @Pompier, add a :ticket: reaction to a message, or use the message shortcut *Create ticket*."), help);
        assertEquals("Which ticket? `/ticket take INC-42`", command(AGENT, "take"));
        assertEquals("You have taken INC-1.", command(AGENT, "take INC-1"));
        assertTrue(command(LEAD, "nonsense").startsWith("I don't know `/ticket nonsense`.\n*Pompier*"));
    }

    @Test
    void a_french_lead_of_an_english_channel_reads_their_answers_and_their_home_in_french() {
        start("""
                language: fr
                channels: { watch: [support-crm], languages: { support-crm: en } }
                """);
        p1(1);
        // The ticket's card and thread are the channel's: English.
        assertTrue(slack.calls("chat.postMessage").stream().anyMatch(c -> SUPPORT.equals(c.param("channel"))
                && c.param("text") != null && c.param("text").startsWith("INC-1 (New)")));

        // Until Pompier has learnt the lead's language, they read the channel's; then their own.
        String list = untilFrench(() -> command(LEAD, "list"));
        assertTrue(list.contains("*INC-1* · P1 · Qualifié · non attribué · :stopwatch: prise en charge attendue"
                + " d’ici 1 h (11:00)"), list);

        pompier.slackSends().event(callback("EvH1", JSON.createObjectNode().put("type", "app_home_opened")
                .put("user", LEAD).put("channel", "D0LEAD001").put("tab", "home").put("event_ts", "1800000100.1")));
        String home = slack.awaitMatching("views.publish", c -> LEAD.equals(c.param("user_id"))).json("view")
                .toString();
        for (String words : new String[]{"Vos tickets", "Vous n’avez aucun ticket ouvert.", "File d’attente",
                "Non attribués", "Inflation des P1", "*30 derniers jours*", "<#C0SUPPORT> · P1 déclarés "}) {
            assertTrue(home.contains(words), words + " in " + home);
        }
        assertFalse(home.contains("Your tickets"), home);
    }

    /** What {@code ask} answers once it answers in French, within 10 s: the person's language is learnt meanwhile. */
    String untilFrench(java.util.function.Supplier<String> ask) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String answer = ask.get();
        while (!answer.contains("Tickets ouverts") && System.nanoTime() < deadline) {
            assertTrue(answer.contains("*Open tickets*"), "the channel's language meanwhile: " + answer);
            slack.quietFor(Duration.ofMillis(20));
            answer = ask.get();
        }
        assertTrue(answer.contains("*Tickets ouverts*"), answer);
        return answer;
    }
}
