package app.pompier.ticket;

import java.util.Optional;

/**
 * Whether the conversation a ticket was reported in is open to the whole workspace: a report written in a private
 * channel or a direct message is read only by those who may see it, not by whoever asks for its id.
 */
public interface ConversationPrivacy {

    enum Privacy {
        /** A channel anyone in the workspace can join and read. */
        PUBLIC,
        /** A private channel, a direct message, a group DM, or a conversation the chat cannot say anything about. */
        PRIVATE
    }

    /** What is known without asking the chat (from the conversation's id, or an answer kept a while); else empty. */
    Optional<Privacy> known(String channel);

    /** Asks the chat when it is not known; {@link Privacy#PRIVATE} when the chat cannot say: closed rather than open. */
    Privacy ask(String channel);
}
