package app.pompier.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maintenance windows and business operations looked at together, which is what nobody did when a 48-hour
 * portal maintenance began the morning the bills went out (seed 002).
 */
public final class OpsCalendar {
    /** How far around a colliding window free windows are looked for. */
    private static final Duration SEARCH = Duration.ofDays(30);
    private static final Duration STEP = Duration.ofHours(1);

    private final ZoneId zone;

    public OpsCalendar(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Occurrence> occurrences(MaintenanceWindow w, Instant from, Instant to) {
        return occurrences(w.start(), w.length(), w.recurrence(), Duration.ZERO, from, to);
    }

    /** An operation's occurrences, each stretched by its arrival tail. */
    public List<Occurrence> occurrences(BusinessOperation o, Instant from, Instant to) {
        return occurrences(o.start(), o.length(), o.recurrence(), o.tail(), from, to);
    }

    private List<Occurrence> occurrences(LocalDateTime first, Duration length, Recurrence r, Duration tail, Instant from,
                                         Instant to) {
        List<Occurrence> out = new ArrayList<>();
        for (LocalDateTime start : r.startsBetween(first, zone, from, to, length.plus(tail))) {
            Instant s = start.atZone(zone).toInstant();
            Occurrence o = new Occurrence(s, s.plus(length).plus(tail));
            if (o.overlaps(from, to)) {
                out.add(o);
            }
        }
        return out;
    }

    /** Every collision between [from, to). */
    public List<Collision> collisions(List<MaintenanceWindow> windows, List<BusinessOperation> operations, Instant from,
                                      Instant to) {
        List<Collision> found = new ArrayList<>();
        for (MaintenanceWindow w : windows) {
            for (BusinessOperation o : operations) {
                if (!o.components().contains(w.component())) {
                    continue;
                }
                for (Occurrence m : occurrences(w, from, to)) {
                    for (Occurrence op : occurrences(o, m.start(), m.end())) {
                        Instant start = m.start().isAfter(op.start()) ? m.start() : op.start();
                        Instant end = m.end().isBefore(op.end()) ? m.end() : op.end();
                        found.add(new Collision(w, m, o, op, start, end));
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Collision::overlapStart));
        return found;
    }

    /**
     * The nearest windows of the same length as {@code busy}, before and after it, during which no operation
     * depending on {@code component} (tail included) runs.
     */
    public List<Occurrence> freeWindows(String component, Occurrence busy, List<BusinessOperation> operations) {
        Duration length = Duration.between(busy.start(), busy.end());
        List<Occurrence> free = new ArrayList<>();
        nearestFree(component, busy.start(), length, operations, STEP).ifPresent(free::add);
        nearestFree(component, busy.start(), length, operations, STEP.negated()).ifPresent(free::add);
        free.sort(java.util.Comparator.comparing(o -> Duration.between(busy.start(), o.start()).abs()));
        return free;
    }

    private Optional<Occurrence> nearestFree(String component, Instant around, Duration length,
                                             List<BusinessOperation> operations, Duration step) {
        for (Instant s = around.plus(step); Duration.between(around, s).abs().compareTo(SEARCH) <= 0; s = s.plus(step)) {
            Instant e = s.plus(length);
            Instant start = s;
            boolean clear = operations.stream().filter(o -> o.components().contains(component))
                    .allMatch(o -> occurrences(o, start, e).isEmpty());
            if (clear) {
                return Optional.of(new Occurrence(s, e));
            }
        }
        return Optional.empty();
    }

    /** The maintenance of {@code component} going on at {@code at}, if any. */
    public Optional<Occurrence> underMaintenance(MaintenanceWindow w, Instant at) {
        return occurrences(w, at, at.plusMillis(1)).stream().findFirst();
    }
}
