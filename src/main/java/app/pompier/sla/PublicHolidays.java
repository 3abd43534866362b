package app.pompier.sla;

import java.time.LocalDate;

/** The public holidays of the team's country and region. */
@FunctionalInterface
public interface PublicHolidays {
    PublicHolidays NONE = date -> false;

    boolean isHoliday(LocalDate date);
}
