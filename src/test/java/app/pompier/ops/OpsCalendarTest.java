package app.pompier.ops;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsCalendarTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    final OpsCalendar calendar = new OpsCalendar(PARIS);

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    static LocalDateTime local(String local) {
        return LocalDateTime.parse(local);
    }

    /** The portal closed every Saturday 08:00 for 48 hours. */
    final MaintenanceWindow portal = new MaintenanceWindow(1, "customer_portal", local("2026-11-07T08:00"),
            Duration.ofHours(48), Recurrence.parse("weekly", local("2026-11-07T08:00")), "the whole portal", "UOPS00001");
    /** Bills sent every two months, on a Saturday morning, sending customers to the portal for 72 hours. */
    final BusinessOperation invoices = new BusinessOperation(2, "bi-monthly invoice send", local("2026-11-28T06:00"),
            Duration.ZERO, List.of("customer_portal"), BusinessOperation.DEFAULT_TAIL,
            Recurrence.parse("every 2 months", local("2026-11-28T06:00")), "UBILL0001");

    @Test
    void the_seeds_maintenance_collides_with_the_invoice_send_and_its_arrival_tail() {
        List<Collision> collisions = calendar.collisions(List.of(portal), List.of(invoices), at("2026-11-23T00:00"),
                at("2026-12-31T00:00"));
        assertEquals(1, collisions.size(), collisions.toString());
        Collision c = collisions.get(0);
        assertEquals(at("2026-11-28T08:00"), c.overlapStart());
        assertEquals(at("2026-11-30T08:00"), c.overlapEnd());
    }

    @Test
    void the_free_windows_suggested_collide_with_nothing() {
        Collision c = calendar.collisions(List.of(portal), List.of(invoices), at("2026-11-23T00:00"),
                at("2026-12-31T00:00")).get(0);
        List<Occurrence> free = calendar.freeWindows("customer_portal", c.maintenance(), List.of(invoices));
        assertEquals(2, free.size());
        for (Occurrence o : free) {
            assertEquals(Duration.ofHours(48), Duration.between(o.start(), o.end()));
            assertTrue(calendar.occurrences(invoices, o.start(), o.end()).isEmpty(), o.toString());
        }
        assertEquals(at("2026-11-26T06:00"), free.get(0).start(), "ends as the send starts, the nearest before");
    }

    @Test
    void weekly_occurrences_keep_their_local_time_across_daylight_saving() {
        var saturdays = calendar.occurrences(new MaintenanceWindow(3, "billing", local("2026-10-17T08:00"),
                Duration.ofHours(2), Recurrence.parse("weekly", local("2026-10-17T08:00")), "", "U1"),
                at("2026-10-16T00:00"), at("2026-11-01T00:00"));
        assertEquals(List.of(at("2026-10-17T08:00"), at("2026-10-24T08:00"), at("2026-10-31T08:00")),
                saturdays.stream().map(Occurrence::start).toList());
        assertEquals(Duration.ofDays(7).plusHours(1),
                Duration.between(saturdays.get(1).start(), saturdays.get(2).start()), "25 October has 25 hours");
    }

    @Test
    void impossible_recurrences_are_refused_with_what_to_do() {
        var monthly31 = assertThrows(IllegalArgumentException.class,
                () -> Recurrence.parse("monthly", local("2026-01-31T10:00")));
        assertTrue(monthly31.getMessage().contains("start on day 28 or earlier"), monthly31.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("every 0 months", local("2026-01-05T10:00")));
        assertThrows(IllegalArgumentException.class, () -> Recurrence.parse("fortnightly", local("2026-01-05T10:00")));
    }

    @Test
    void a_recurrence_written_in_french_reads_as_in_english_and_is_said_in_either() {
        LocalDateTime saturday = local("2026-11-28T08:00");
        assertEquals(Recurrence.parse("weekly", saturday), Recurrence.parse("Chaque semaine", saturday));
        assertEquals(new Recurrence.Weekly(DayOfWeek.SATURDAY), Recurrence.parse("chaque semaine le samedi", saturday));
        assertEquals(new Recurrence.Monthly(28), Recurrence.parse("tous les mois", saturday));
        assertEquals(new Recurrence.EveryMonths(2), Recurrence.parse("tous les 2 mois", saturday));
        assertEquals(new Recurrence.Once(), Recurrence.parse("une fois", saturday));

        Words en = Languages.only("en", PARIS, Clock.systemUTC()).team();
        Words fr = Languages.only("fr", PARIS, Clock.systemUTC()).team();
        assertEquals("weekly on saturday", en.say(new Recurrence.Weekly(DayOfWeek.SATURDAY).phrase()));
        assertEquals("chaque semaine le samedi", fr.say(new Recurrence.Weekly(DayOfWeek.SATURDAY).phrase()));
        assertEquals("chaque mois le 1er", fr.say(new Recurrence.Monthly(1).phrase()));
        assertEquals("every 2 months", en.say(new Recurrence.EveryMonths(2).phrase()));

        var notSaturday = assertThrows(Recurrence.Refused.class,
                () -> Recurrence.parse("chaque semaine le lundi", saturday));
        assertEquals("Chaque semaine le lundi ne correspond pas au début, un samedi.", fr.say(notSaturday.phrase()));
        var unknown = assertThrows(Recurrence.Refused.class, () -> Recurrence.parse("fortnightly", saturday));
        assertEquals("'fortnightly' is not a recurrence; choose once, weekly, monthly or every N months.",
                en.say(unknown.phrase()));
    }

    @Test
    void components_are_found_by_their_aliases_whatever_the_accents() {
        Components components = new Components(Map.of("customer_portal", List.of("customer portal", "espace client",
                "portail"), "billing", List.of("facturation")));
        assertEquals(Set.of("customer_portal"),
                components.mentionedIn("Je n'arrive pas à payer ma facture sur l'Espace Client !"));
        assertEquals(Set.of(), components.mentionedIn("la facture est fausse"));
        assertEquals("customer_portal", components.find("Espace client").orElseThrow());
    }
}
