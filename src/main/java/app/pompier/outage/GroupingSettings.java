package app.pompier.outage;

import java.time.Duration;
import java.util.List;

/**
 * How intake groups the reports of one outage.
 *
 * @param enabled            false: every report is a ticket of its own, as before
 * @param threshold          how alike (0 to 1) a report must read to an incident to be related to it
 * @param window             how recent the reports an unqualified cluster is made of must be; an open P1 or P2
 *                           gathers reports whatever its age
 * @param probableP1Reports  how many people reporting one unqualified thing make it a probable P1 for the leads
 * @param manyReporters      from how many people an incident reaches at least a whole team or site (two people
 *                           already are "several users")
 * @param essentialFunctions the policy's essential functions: two reports naming the same one read closer
 */
public record GroupingSettings(boolean enabled, double threshold, Duration window, int probableP1Reports,
                               int manyReporters, List<String> essentialFunctions) {
    public GroupingSettings {
        essentialFunctions = List.copyOf(essentialFunctions);
    }

    public static GroupingSettings defaults(List<String> essentialFunctions) {
        return new GroupingSettings(true, 0.5, Duration.ofHours(2), 10, 10, essentialFunctions);
    }
}
