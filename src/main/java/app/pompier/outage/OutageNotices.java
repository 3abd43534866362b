package app.pompier.outage;

import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Ticket;

/** What the chat is told about grouped reports, besides the reply each related report gets at intake. */
public interface OutageNotices {

    /** The leads are asked to confirm a probable P1: many people reported one unqualified thing. */
    ChatAnswer<Void> probableP1(Ticket incident, Reporters reporters);

    /**
     * Why a probable P1 a lead confirmed is a P1: the incident's priority reason, which its card shows, written in
     * the language of its card.
     */
    String probableP1Reason(Ticket incident, int people);

    /** The report became a ticket of its own: the reply that named the incident says so. */
    void madeOwnTicket(Ticket report, Ticket incident, String replyTs, String by);

    /**
     * Posts the news in a related report's thread, marked with its version; with {@code mayBeThere} (an earlier
     * attempt's outcome is unknown) the thread is looked at first.
     */
    ChatAnswer<ChatPost> news(Ticket report, Ticket incident, ReporterNews.Pending pending, boolean mayBeThere);

    /**
     * Deletes news this replica posted after it had lost the claim on it: the holder's stands for it. A failure is
     * logged.
     */
    void withdrawNews(Ticket report, String ts);
}
