package app.pompier.crisis;

import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.TicketId;

import java.time.Instant;
import java.util.Optional;

/**
 * A crisis cell's channel in the chat, and the other places the procedure writes to (the ticket's thread, the
 * stakeholders' channel). Each call answers done, not now, or never and why; the procedure decides what
 * follows: an opening stops at "not now" and resumes later in the same order, a step that will never work is
 * recorded and reported in the cell.
 */
public interface CellChannel {
    /** Why {@link #create} refuses a name that another channel has. */
    String NAME_TAKEN = "name_taken";

    /** Creates a public channel; done with its id, or never with {@link #NAME_TAKEN} when the name is taken. */
    ChatAnswer<String> create(String name);

    /** A channel of that name that Pompier itself created since {@code since}, if the chat has one. */
    ChatAnswer<Optional<String>> ownChannelNamed(String name, Instant since);

    /** Invites a person; someone already in the channel counts as done. */
    ChatAnswer<Void> invite(String channelId, String user);

    /**
     * Sets the cell's topic in the language of {@code ticketChannel}: the channel its ticket was reported in, since
     * the cell is opened for that team.
     */
    ChatAnswer<Void> setTopic(String channelId, String ticketChannel, CellTopic topic);

    /**
     * Posts in a channel (the cell, the stakeholders'), in the language of {@code ticketChannel}, where the ticket was
     * reported; done with the message's id.
     */
    ChatAnswer<String> post(String channelId, String ticketChannel, CellMessage message);

    /** Posts in the thread of a ticket's report, in that channel's language; done with the message's id. */
    ChatAnswer<String> postInThread(SourceMessage thread, CellMessage message);

    ChatAnswer<Void> pin(String channelId, String messageId);

    /** Bookmarks the ticket's original report in the cell, titled in the language of {@code ticketChannel}. */
    ChatAnswer<Void> bookmark(String channelId, String ticketChannel, TicketId ticket, String link);

    ChatAnswer<Void> archive(String channelId);

    /**
     * Deletes a message Pompier posted after it had lost its turn at opening the cell: the holder posts its own. A
     * failure is logged.
     */
    void delete(String channelId, String messageId);
}
