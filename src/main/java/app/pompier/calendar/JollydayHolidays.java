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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Public holidays from Jollyday's calendars (236 countries, with their regions), kept per year. */
public final class JollydayHolidays implements PublicHolidays {
    private final CompletableFuture<HolidayManager> manager;
    private final String[] region;
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    private JollydayHolidays(CompletableFuture<HolidayManager> manager, String[] region) {
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
        if (region == null || region.isBlank()) {
            // Reading a country's calendar (its XML, through JAXB) cost a start a third of a second, and nothing needs
            // it to ack Slack: it is read on a thread of its own at once, and the first holiday asked waits for it.
            CompletableFuture<HolidayManager> reading = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    reading.complete(HolidayManager.getInstance(ManagerParameters.create(code)));
                } catch (RuntimeException | Error e) {
                    reading.completeExceptionally(e);
                }
            }, "pompier-holidays");
            reader.setDaemon(true);
            reader.start();
            return new JollydayHolidays(reading, new String[0]);
        }
        // A region is checked against the country's calendar at start, to name the known ones when it is wrong.
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(code));
        String r = region.trim().toLowerCase(Locale.ROOT);
        Set<String> regions = new TreeSet<>();
        manager.getCalendarHierarchy().getChildren().keySet().forEach(k -> regions.add(k.toLowerCase(Locale.ROOT)));
        if (!regions.contains(r)) {
            throw new IllegalArgumentException("region '" + region + "' is not a region of '" + code + "'; known: "
                    + String.join(", ", regions));
        }
        String original = manager.getCalendarHierarchy().getChildren().keySet().stream()
                .filter(k -> k.equalsIgnoreCase(r)).findFirst().orElse(r);
        return new JollydayHolidays(CompletableFuture.completedFuture(manager), new String[]{original});
    }

    @Override
    public boolean isHoliday(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), year -> manager.join()
                .getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, region).stream()
                .map(Holiday::getActualDate).collect(Collectors.toUnmodifiableSet())).contains(date);
    }
}
