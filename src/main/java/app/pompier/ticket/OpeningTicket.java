package app.pompier.ticket;

import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a Slack message into a ticket, exactly once per message. Which messages qualify by themselves
 * (top-level, human, in a watched channel) is decided here; mentions, shortcuts and reactions always do. A new
 * ticket's card is posted after the request is answered; a person asking again for a ticket on a message that
 * already is one is told which it is.
 */
public final class OpeningTicket {
    private final Tickets tickets;
    private final PostingCards posting;
    private final TicketCards cards;
    private final Clock clock;
    private final String prefix;
    private final Set<String> watchedChannelIds;

    public OpeningTicket(Tickets tickets, PostingCards posting, TicketCards cards, Clock clock, String prefix,
                         Set<String> watchedChannelIds) {
        this.tickets = Objects.requireNonNull(tickets);
        this.posting = Objects.requireNonNull(posting);
        this.cards = Objects.requireNonNull(cards);
        this.clock = Objects.requireNonNull(clock);
        this.prefix = Objects.requireNonNull(prefix);
        this.watchedChannelIds = Set.copyOf(watchedChannelIds);
    }

    public boolean watches(String channelId) {
        return channelId != null && watchedChannelIds.contains(channelId);
    }

    public Registration open(IntakeRequest request) {
        Registration registration = tickets.register(request, prefix, clock.instant());
        if (registration instanceof Registration.Opened opened) {
            posting.postSoon(opened.ticket());
        } else if (registration instanceof Registration.AlreadyOpen already && request.via().isDeliberateRequest()) {
            cards.tellAlreadyOpen(already.ticket(), request.requestedBy(), request.source().channel());
        }
        return registration;
    }
}
