package app.pompier.ticket;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a Slack message into a ticket, exactly once per message. Which messages qualify by themselves
 * (top-level, human, in a watched channel) is decided here; mentions, shortcuts and reactions always do.
 */
public final class OpeningTicket {
    private final Tickets tickets;
    private final Clock clock;
    private final String prefix;
    private final Set<String> watchedChannelIds;

    public OpeningTicket(Tickets tickets, Clock clock, String prefix, Set<String> watchedChannelIds) {
        this.tickets = Objects.requireNonNull(tickets);
        this.clock = Objects.requireNonNull(clock);
        this.prefix = Objects.requireNonNull(prefix);
        this.watchedChannelIds = Set.copyOf(watchedChannelIds);
    }

    public boolean watches(String channelId) {
        return channelId != null && watchedChannelIds.contains(channelId);
    }

    public Registration open(IntakeRequest request) {
        return tickets.register(request, prefix, clock.instant());
    }
}
