package app.pompier.ticket;

/**
 * Shared work this replica holds for a while: a card, a reply, news or a reminder to post, a turn at work done one
 * replica at a time. The others take it over when its lease runs out or when this replica stops beating, so this
 * replica acts on it only while it still holds it: one that froze (a paused VM or container, a long GC) and wakes up
 * after the others took its work over posts nothing of it and records nothing of it.
 */
public interface Claim {

    /**
     * Whether the work is still this replica's to act on, with time left before another may take it over. Read
     * before every call to the chat made for it, and before its results are recorded.
     */
    boolean held();

    /** What is claimed, for logs and errors. */
    String what();
}
