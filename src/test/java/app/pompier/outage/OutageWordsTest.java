package app.pompier.outage;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.outage.slack.OutageWords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The branches of the outage's words that the end-to-end tests do not reach, in English as before and in French. */
class OutageWordsTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), PARIS);
    final Words en = Languages.only("en", PARIS, NOW).team();
    final Words fr = Languages.only("fr", PARIS, NOW).team();

    @Test
    void the_cards_count_says_people_and_each_channels_reports_with_their_plurals() {
        OutageWords words = new OutageWords(Languages.only("fr", PARIS, NOW));
        Map<String, Integer> byChannel = new LinkedHashMap<>();
        byChannel.put("C1", 10);
        byChannel.put("C2", 1);
        Reporters many = new Reporters(11, 11, byChannel, null);
        assertEquals(":busts_in_silhouette: *11 people* reported it (<#C1> 10, <#C2> 1)", words.reporters(many, en));
        assertEquals(":busts_in_silhouette: *11 personnes* ont signalé le problème (10 signalements dans <#C1>,"
                + " 1 signalement dans <#C2>)", words.reporters(many));
        assertNull(words.reporters(new Reporters(1, 1, Map.of("C1", 1), null)), "one reporter: no line");
    }

    @Test
    void refusals_read_as_before_in_english_and_as_a_lead_writes_them_in_french() {
        Phrase ended = Phrase.of("outage.refused.ended", "ticket", "INC-3", "state", "closed");
        assertEquals("INC-3 is closed; reopen it first.", en.say(ended));
        assertEquals("INC-3 est clos ; rouvrez-le d’abord.", fr.say(ended));
        Phrase notLead = Phrase.of("outage.refused.confirm_not_lead", "priority", "p1");
        assertEquals("only support leads confirm a P1.", en.say(notLead));
        assertEquals("Seuls les responsables du support confirment un P1.", fr.say(notLead));
        assertEquals("Only support leads unlink tickets; the reporter can click *It's something else* under the"
                + " reply.", en.say("outage.refused.unlink_not_lead"));
    }

    @Test
    void support_making_a_report_its_own_ticket_is_named_in_its_thread() {
        Object[] args = {"by", "other", "who", "<@UAGENT001>", "incident", "INC-1", "report", "INC-2"};
        assertEquals(":ticket: <@UAGENT001> said this is not INC-1: it is now ticket *INC-2* of its own, its card"
                + " follows.", en.say("outage.own_ticket", args));
        assertEquals(":ticket: <@UAGENT001> a indiqué qu’il ne s’agit pas de INC-1 : c’est désormais le ticket"
                + " *INC-2*, traité à part entière ; sa fiche suit.", fr.say("outage.own_ticket", args));
        assertEquals("probable P1 confirmed: 12 people reported it", en.say("outage.probable_p1.reason", "people", 12));
    }
}
