package app.pompier.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JollydayHolidaysTest {
    @Test
    void le_quatorze_juillet_is_a_holiday_in_france() {
        var france = JollydayHolidays.of("fr", null);
        assertTrue(france.isHoliday(LocalDate.of(2026, 7, 14)));
        assertTrue(france.isHoliday(LocalDate.of(2026, 4, 6)), "lundi de Pâques");
        assertFalse(france.isHoliday(LocalDate.of(2026, 7, 15)));
    }

    @Test
    void la_saint_jean_baptiste_is_a_holiday_in_quebec_only() {
        assertTrue(JollydayHolidays.of("CA", "QC").isHoliday(LocalDate.of(2026, 6, 24)));
        assertFalse(JollydayHolidays.of("ca", "on").isHoliday(LocalDate.of(2026, 6, 24)));
    }

    @Test
    void an_unknown_country_or_region_says_what_exists() {
        var country = assertThrows(IllegalArgumentException.class, () -> JollydayHolidays.of("xx", null));
        assertTrue(country.getMessage().contains("such as fr, ca"), country.getMessage());
        var region = assertThrows(IllegalArgumentException.class, () -> JollydayHolidays.of("ca", "zz"));
        assertTrue(region.getMessage().contains("qc"), region.getMessage());
    }
}
