package app.pompier.crisis;

import java.time.Duration;
import java.util.List;

/**
 * How a team's crisis cells open and run.
 *
 * @param channelTemplate    the cell's channel name, {@code crise-{id}-{slug}} by default
 * @param invite             users invited to every cell besides the reporter, the leads and the assignee
 * @param commander          the default commander; null: the first member of the lead group
 * @param statusEvery        silence in a cell after which Pompier asks for a status update
 * @param stakeholderChannel where status updates are also relayed; null for none
 */
public record CrisisSettings(String channelTemplate, List<String> invite, String commander, Duration statusEvery,
                             String stakeholderChannel) {
    public CrisisSettings {
        invite = List.copyOf(invite);
    }

    public static CrisisSettings defaults() {
        return new CrisisSettings(CrisisChannelName.DEFAULT_TEMPLATE, List.of(), null, Duration.ofMinutes(30), null);
    }
}
