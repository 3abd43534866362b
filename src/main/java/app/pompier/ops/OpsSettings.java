package app.pompier.ops;

import java.util.List;
import java.util.Map;

/**
 * A team's operations calendar.
 *
 * @param channel            where collisions are announced; null for the owners only
 * @param announceDaysBefore how many days before an upcoming collision it is announced again
 * @param components         the components maintenances and operations name, with their aliases
 * @param owners             who declares maintenance windows in Slack besides the leads: Slack user ids and user
 *                           groups (handles or ids), as the team wrote them
 */
public record OpsSettings(String channel, int announceDaysBefore, Components components, List<String> owners) {
    public OpsSettings {
        owners = List.copyOf(owners);
    }

    public OpsSettings(String channel, int announceDaysBefore, Components components) {
        this(channel, announceDaysBefore, components, List.of());
    }

    public static OpsSettings defaults() {
        return new OpsSettings(null, 3, new Components(Map.of()));
    }
}
