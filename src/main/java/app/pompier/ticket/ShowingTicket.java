package app.pompier.ticket;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Showing a ticket (its report and timeline) to someone who asks for it by id. A ticket reported in a public channel
 * is anyone's to read, as the message is; one reported in a private channel or a direct message only to those who
 * saw it or work on it: its reporter, whoever opened it, its assignee, and support (leads count as support).
 */
public final class ShowingTicket {
    private final Tickets tickets;
    private final ConversationPrivacy conversations;

    public ShowingTicket(Tickets tickets, ConversationPrivacy conversations) {
        this.tickets = tickets;
        this.conversations = conversations;
    }

    /** What the asker gets. */
    public sealed interface Sight {
        record Shown(Ticket ticket, List<TimelineEntry> timeline) implements Sight {
        }

        /** Reported in a private conversation, and the asker is none of those who may see it. */
        record Hidden(TicketId id) implements Sight {
        }

        record NotFound(TicketId id) implements Sight {
        }
    }

    /**
     * The answer, when it can be given without asking the chat whether the ticket's channel is public; empty when
     * only the chat can say (then {@link #show} asks it, away from Slack's 3 s).
     */
    public Optional<Sight> showNow(String workspace, TicketId id, String user, Predicate<String> isSupport) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return Optional.of(new Sight.NotFound(id));
        }
        Ticket ticket = found.get();
        if (maySeeWherever(ticket, user, isSupport)) {
            return Optional.of(shown(ticket));
        }
        return conversations.known(ticket.source().channel()).map(privacy -> sight(ticket, privacy));
    }

    /** The answer, asking the chat whether the ticket's channel is public when that is not known yet. */
    public Sight show(String workspace, TicketId id, String user, Predicate<String> isSupport) {
        Optional<Sight> now = showNow(workspace, id, user, isSupport);
        if (now.isPresent()) {
            return now.get();
        }
        Ticket ticket = tickets.byId(workspace, id).orElseThrow();
        return sight(ticket, conversations.ask(ticket.source().channel()));
    }

    /** Those who saw the report where it was written, or work on it. */
    private static boolean maySeeWherever(Ticket ticket, String user, Predicate<String> isSupport) {
        return user != null && (user.equals(ticket.reporter()) || user.equals(ticket.openedBy())
                || user.equals(ticket.assignee()) || isSupport.test(user));
    }

    private Sight sight(Ticket ticket, ConversationPrivacy.Privacy privacy) {
        return privacy == ConversationPrivacy.Privacy.PUBLIC ? shown(ticket) : new Sight.Hidden(ticket.id());
    }

    private Sight shown(Ticket ticket) {
        return new Sight.Shown(ticket, tickets.timeline(ticket.key()));
    }
}
