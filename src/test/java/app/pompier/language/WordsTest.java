package app.pompier.language;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordsTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    // Friday 4 December 2026, 10:00 in Paris.
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T09:00:00Z"), PARIS);

    @Test
    void moments_are_written_in_the_language_and_the_teams_zone() {
        Words fr = Languages.only("fr", PARIS, NOW).team();
        Words en = Languages.only("en", PARIS, NOW).team();
        Instant tuesday = Instant.parse("2026-12-08T09:45:00Z");
        Instant later = Instant.parse("2026-12-15T09:45:00Z");
        assertEquals("mar. 10:45", fr.when(tuesday));
        assertEquals("Tue 10:45", en.when(tuesday));
        assertEquals("mar. 15 déc. 10:45", fr.when(later));
        assertEquals("Tue 15 Dec 10:45", en.when(later));
        assertEquals("10:15", fr.when(Instant.parse("2026-12-04T09:15:00Z")));
    }

    @Test
    void durations_read_as_people_write_them() {
        Words fr = Languages.only("fr", PARIS, NOW).team();
        assertEquals("45 min", fr.duration(Duration.ofMinutes(45)));
        assertEquals("1 h 30 min", fr.duration(Duration.ofMinutes(90)));
        assertEquals("3 h", fr.duration(Duration.ofHours(3)));
    }

    @Test
    void lists_are_joined_the_way_the_language_joins_them() {
        assertEquals("A, B et C", Languages.only("fr", PARIS, NOW).team().list(List.of("A", "B", "C")));
        assertEquals("A, B, and C", Languages.only("en", PARIS, NOW).team().list(List.of("A", "B", "C")));
    }

    @Test
    void a_person_reads_their_language_once_known_and_the_channels_until_then() {
        SpokenLanguages people = new SpokenLanguages() {
            @Override
            public Optional<String> of(String userId) {
                return "U_FR".equals(userId) ? Optional.of("fr") : Optional.empty();
            }

            @Override
            public void learn(String userId) {
            }
        };
        Languages languages = new Languages(PARIS, NOW, "en", Map.of("C_FR", "fr"), people);
        assertEquals("fr", languages.person("U_FR", "C_EN").code());
        assertEquals("en", languages.person("U_NEW", "C_EN").code());
        assertEquals("fr", languages.person("U_NEW", "C_FR").code());
        assertEquals("fr", languages.channel("C_FR").code());
        assertEquals("en", languages.channel("C_OTHER").code());
    }

    @Test
    void a_language_pompier_does_not_speak_reads_as_the_teams() {
        assertEquals(Optional.of("fr"), Languages.ofLocale("fr-CA"));
        assertEquals(Optional.of("en"), Languages.ofLocale("en-GB"));
        assertEquals(Optional.empty(), Languages.ofLocale("de-DE"));
        assertEquals("fr", new Languages(PARIS, NOW, "fr", Map.of(), SpokenLanguages.NONE).in("de").code());
    }
}
