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

    /**
     * Posts the board of an ongoing incident in {@code channel}: the incident, and how many reports of the channel are
     * linked, naming nobody (a post's mentions notify, an edit's do not). With {@code mayBeThere} the channel is looked
     * at first.
     */
    ChatAnswer<ChatPost> postBoard(Ticket incident, String channel, int reports, boolean mayBeThere);

    /** Redraws the board at {@code ts} with the reports linked from its channel, their reporters named. */
    BoardUpdate updateBoard(Ticket incident, String channel, String ts, OutageBoards.Linked linked);

    /**
     * What became of a board's redraw: done; its message is gone (someone deleted it), so it is posted again; refused
     * for good (the channel archived, a scope missing), so posting it again would only add messages; or not now
     * (Slack's trouble, or the redraws' share of its limit spent), so it is drawn again soon. Why is logged where it is
     * known.
     */
    enum BoardUpdate { UPDATED, GONE, REFUSED, NOT_NOW }

    /**
     * Tells the reporter at once, without notifying them, that their report is linked to {@code incident}, by the
     * first way Slack's limits allow now; {@link Acknowledgment#NONE} when none does (the board shows it).
     */
    Acknowledgment acknowledge(Ticket report, Ticket incident);

    /** How a reporter was acknowledged. */
    enum Acknowledgment {
        /** A message only they see, under their report. */
        EPHEMERAL,
        /** A reaction on their report. */
        REACTION,
        /** Neither: Slack's limits were reached; the board names them. */
        NONE
    }
}
