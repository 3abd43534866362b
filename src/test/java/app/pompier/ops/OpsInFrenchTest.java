package app.pompier.ops;

import app.pompier.ops.slack.OpsDesk;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.FakeSlack.Call;
import app.pompier.testing.MutableClock;
import app.pompier.testing.RunningPompier;
import app.pompier.testing.SlackPayloads.Form;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static app.pompier.testing.SlackPayloads.callback;
import static app.pompier.testing.SlackPayloads.message;
import static app.pompier.testing.SlackPayloads.slashCommand;
import static app.pompier.testing.SlackPayloads.viewSubmission;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations calendar for a French-speaking team: /ops, its dialog and its refusals in the person's language, the
 * collision warning in the ops channel's, an owner's notice in theirs, the calendar feed in the team's.
 */
class OpsInFrenchTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String SUPPORT = "C0SUPPORT";
    static final String OPS = "C0OPSCAL1";
    static final String PORTAL_OWNER = "UOPS00001";
    static final String BILLING_OWNER = "UBILL0001";
    static final String TOKEN = "ops-token-for-tests-0123456789";
    static final String CALENDAR_TOKEN = "calendar-only-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();
    /** Tuesday 8 December 10:45, more than a week after "now": written with its date. */
    static final long MAINTENANCE = LocalDateTime.parse("2026-12-08T10:45").atZone(PARIS).toEpochSecond();

    @TempDir
    Path folder;
    FakeSlack slack;
    RunningPompier pompier;
    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());

    /** A team whose file says {@code team} (its language, its channels' languages); the portal's owner reads French. */
    void start(String team, String billingOwnerLocale) {
        slack = FakeSlack.start().channel(SUPPORT, "support-crm").channel(OPS, "ops-calendar")
                .users(PORTAL_OWNER, BILLING_OWNER).locale(PORTAL_OWNER, "fr-FR")
                .locale(BILLING_OWNER, billingOwnerLocale).userGroup("S0LEADS01", "support-leads", "ULEAD0001");
        pompier = new RunningPompier(slack, folder, clock, team + """
                roles: { lead_group: support-leads }
                ops:
                  channel: ops-calendar
                  owners: [UOPS00001]
                  announce_days_before: 3
                  components:
                    customer_portal: [espace client, portail]
                    billing: [facturation]
                """, Map.of("POMPIER_API_TOKEN", TOKEN, "POMPIER_CALENDAR_TOKEN", CALENDAR_TOKEN));
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

    HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port()
                        + path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String feed() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pompier.port()
                + "/ops/calendar.ics?token=" + CALENDAR_TOKEN)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String ops(String user, String text) throws Exception {
        return JSON.readTree(pompier.slackSends().command(slashCommand(user, SUPPORT, "/ops", text)).body())
                .path("text").asText();
    }

    /** {@code /ops} as {@code user}, until Pompier has learnt their language in the background and answers in it. */
    String opsOnceLearnt(String user, String text, Predicate<String> inTheirLanguage) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String answer = ops(user, text);
        while (!inTheirLanguage.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            answer = ops(user, text);
        }
        return answer;
    }

    void moveTo(String local) {
        clock.advance(Duration.between(clock.instant(), LocalDateTime.parse(local).atZone(PARIS).toInstant()));
    }

    /** The business side's script: the reminder of unpaid bills sends customers to the portal that Tuesday. */
    void declareTheReminderOfUnpaidBills() throws Exception {
        var declared = post("/api/ops/operations", """
                {"name": "relance des impayés", "start": "2026-12-08T09:00", "components": ["espace client"],
                 "recurrence": "une fois", "owner": "UBILL0001"}
                """);
        assertEquals(201, declared.statusCode(), declared.body());
    }

    /** The portal's owner opens /ops maintenance and submits it; what Slack is answered. */
    JsonNode declareTheMaintenance(long start, long end) throws Exception {
        int views = slack.calls("views.open").size();
        pompier.slackSends().command(slashCommand(PORTAL_OWNER, SUPPORT, "/ops", "maintenance"));
        JsonNode dialog = slack.await("views.open", views + 1).get(views).json("view");
        assertEquals(OpsDesk.MAINTENANCE_DIALOG, dialog.path("callback_id").asText());
        assertEquals("Fenêtre de maintenance", dialog.path("title").path("text").asText(), dialog.toString());
        assertEquals("Déclarer", dialog.path("submit").path("text").asText());
        assertTrue(dialog.toString().contains("\"Composant\"") && dialog.toString().contains("\"Récurrence\"")
                && dialog.toString().contains("\"tous les 2 mois\""), dialog.toString());
        var submitted = pompier.slackSends().interaction(viewSubmission(PORTAL_OWNER, "VOPS1",
                OpsDesk.MAINTENANCE_DIALOG, "", new Form().select("component", "customer_portal")
                        .select("recurrence", "once").text("unavailable", "le paiement en ligne")
                        .dateTime("start", start).dateTime("end", end)));
        return submitted.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(submitted.body());
    }

    static Predicate<Call> to(String channel, String startingWith) {
        return c -> channel.equals(c.param("channel")) && c.param("text") != null
                && c.param("text").startsWith(startingWith);
    }

    @Test
    void a_french_team_declares_a_maintenance_and_reads_the_dialog_the_warning_the_answer_and_the_feed_in_french()
            throws Exception {
        start("language: fr\nchannels: { watch: [support-crm] }\n", "fr-FR");
        declareTheReminderOfUnpaidBills();

        JsonNode wrong = declareTheMaintenance(MAINTENANCE, MAINTENANCE - 3600);
        assertEquals("La fin est avant le début : indiquez une fin après 2026-12-08 10:45.",
                wrong.path("errors").path("end").asText(), wrong.toString());
        assertEquals(0, pompier.count("SELECT COUNT(*) FROM maintenance_window"));
        assertEquals(0, declareTheMaintenance(MAINTENANCE, MAINTENANCE + 7200).size(), "declared");

        Call warning = slack.awaitMatching("chat.postMessage", to(OPS, ":warning: Collision :"));
        assertEquals(":warning: Collision : la maintenance du composant *espace client* (mar. 8 déc. 10:45 → mar. 8 déc."
                + " 12:45, une fois, responsable <@UOPS00001>) chevauche *relance des impayés* (responsable <@UBILL0001>),"
                + " dont les utilisateurs continuent d’arriver pendant 72 h : chevauchement mar. 8 déc. 10:45 → mar. 8"
                + " déc. 12:45.", warning.param("text").lines().findFirst().orElseThrow());
        assertTrue(warning.param("text").contains("\nCréneaux de même durée les plus proches sans aucune collision : "),
                warning.param("text"));
        slack.awaitMatching("chat.postMessage", to(PORTAL_OWNER, ":warning: Collision : la maintenance du composant"));
        slack.awaitMatching("chat.postMessage", to(BILLING_OWNER, ":warning: Collision : la maintenance du composant"));

        assertEquals("Rien de prévu dans les deux prochaines semaines.", ops(PORTAL_OWNER, ""));
        assertTrue(ops(PORTAL_OWNER, "collisions").startsWith("*Collisions*\n• :warning: Collision : la maintenance"));
        assertTrue(ops(PORTAL_OWNER, "aide").startsWith("`/ops` liste les deux prochaines semaines"));

        List<VEvent> events = new CalendarBuilder().build(new StringReader(feed())).getComponents("VEVENT");
        VEvent maintenance = events.stream().filter(e -> e.getSummary().getValue().startsWith("Maintenance"))
                .findFirst().orElseThrow();
        assertEquals("Maintenance : espace client", maintenance.getSummary().getValue());
        assertEquals("Indisponible : le paiement en ligne. Responsable UOPS00001. Récurrence : une fois.",
                maintenance.getDescription().getValue());

        // Three days before, reminded; during it, a ticket about the portal is answered in French.
        moveTo("2026-12-05T12:00");
        slack.awaitMatching("chat.postMessage", to(OPS, ":warning: Rappel — dans 3 jours ou moins : la maintenance"));
        moveTo("2026-12-08T11:00");
        pompier.slackSends().event(callback("Ev1", message(SUPPORT, "UREPORTER", "1800000000.000100",
                "je n'arrive pas à payer ma facture sur l'espace client")));
        Call answer = slack.awaitMatching("chat.postMessage", c -> c.param("text") != null
                && c.param("text").startsWith(":construction:"));
        assertTrue(answer.param("text").startsWith(":construction: Le composant *espace client* est en maintenance"
                + " programmée jusqu’à 12:45 (indisponible : le paiement en ligne). Votre ticket "), answer.param("text"));
        moveTo("2026-12-08T13:00");
        Call count = slack.awaitMatching("chat.postMessage", to(PORTAL_OWNER, ":bar_chart:"));
        assertEquals(":bar_chart: Pendant votre maintenance du composant *espace client* (10:45 → 12:45), 1 ticket l’a"
                + " cité ; son demandeur a été prévenu de la maintenance.", count.param("text"));
    }

    @Test
    void a_french_person_in_an_english_team_reads_the_dialog_in_french_and_the_ops_channel_stays_english()
            throws Exception {
        start("channels: { watch: [support-crm] }\n", "en-US");
        declareTheReminderOfUnpaidBills();
        String nothing = opsOnceLearnt(PORTAL_OWNER, "", a -> a.startsWith("Rien de prévu"));
        assertEquals("Rien de prévu dans les deux prochaines semaines.", nothing);

        assertEquals(0, declareTheMaintenance(MAINTENANCE, MAINTENANCE + 7200).size(), "declared");
        Call inTheChannel = slack.awaitMatching("chat.postMessage", to(OPS, ":warning: Collision"));
        assertTrue(inTheChannel.param("text").startsWith(":warning: Collision: the maintenance of the *espace client*"
                + " (Tue 8 Dec 10:45 → Tue 8 Dec 12:45, once, owner <@UOPS00001>)"), inTheChannel.param("text"));
        slack.awaitMatching("chat.postMessage", to(PORTAL_OWNER, ":warning: Collision : la maintenance du composant"));
        slack.awaitMatching("chat.postMessage", to(BILLING_OWNER, ":warning: Collision: the maintenance of the"));
        assertEquals("Nothing planned in the next two weeks.", opsOnceLearnt(BILLING_OWNER, "",
                a -> a.startsWith("Nothing")));

        List<VEvent> events = new CalendarBuilder().build(new StringReader(feed())).getComponents("VEVENT");
        assertTrue(events.stream().anyMatch(e -> e.getSummary().getValue().equals("Maintenance: espace client")),
                "the feed in the team's language");
    }
}
