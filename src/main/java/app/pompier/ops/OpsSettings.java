package app.pompier.ops;

import java.util.Map;

/**
 * A team's operations calendar.
 *
 * @param channel            where collisions are announced; null for the owners only
 * @param announceDaysBefore how many days before an upcoming collision it is announced again
 * @param components         the components maintenances and operations name, with their aliases
 */
public record OpsSettings(String channel, int announceDaysBefore, Components components) {
    public static OpsSettings defaults() {
        return new OpsSettings(null, 3, new Components(Map.of()));
    }
}
