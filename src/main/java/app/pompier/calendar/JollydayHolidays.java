package app.pompier.calendar;

import app.pompier.sla.PublicHolidays;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Public holidays from Jollyday's calendars (236 countries, with their regions), kept per year. */
public final class JollydayHolidays implements PublicHolidays {
    private final HolidayManager manager;
    private final String[] region;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private JollydayHolidays(HolidayManager manager, String[] region) {
        this.manager = manager;
        this.region = region;
    }

    /**
     * @param country an ISO code such as {@code fr} or {@code ca}
     * @param region  a region of that country such as {@code qc} or a French department {@code 75}; may be null
     * @throws IllegalArgumentException naming what exists when the country or region is unknown
     */
    public static JollydayHolidays of(String country, String region) {
        String code = country.trim().toLowerCase(Locale.ROOT);
        Set<String> supported = HolidayManager.getSupportedCalendarCodes().stream()
                .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
        if (!supported.contains(code)) {
            throw new IllegalArgumentException("country '" + country + "' has no holiday calendar; use an ISO code"
                    + " such as fr, ca, be, ch, de, gb, us (" + supported.size() + " are known)");
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(code));
        if (region == null || region.isBlank()) {
            return new JollydayHolidays(manager, new String[0]);
        }
        String r = region.trim().toLowerCase(Locale.ROOT);
        Set<String> regions = new TreeSet<>();
        manager.getCalendarHierarchy().getChildren().keySet().forEach(k -> regions.add(k.toLowerCase(Locale.ROOT)));
        if (!regions.contains(r)) {
            throw new IllegalArgumentException("region '" + region + "' is not a region of '" + code + "'; known: "
                    + String.join(", ", regions));
        }
        String original = manager.getCalendarHierarchy().getChildren().keySet().stream()
                .filter(k -> k.equalsIgnoreCase(r)).findFirst().orElse(r);
        return new JollydayHolidays(manager, new String[]{original});
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), year -> manager
                .getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, region).stream()
                .map(Holiday::getActualDate).collect(Collectors.toUnmodifiableSet())).contains(date);
    }
}
