package app.pompier.outage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The boards of ongoing outages as the store keeps them: one per incident and channel it is reported from, with what
 * it shows, what it should show, and who is drawing it. Each drawing is claimed with a lease, so that one replica
 * draws a board at a time and a drawer that died is replaced once its lease runs out.
 */
public interface OutageBoards {

    /**
     * The board of {@code incident} in {@code channel} has more to show (a report linked, the incident changed); it
     * is created if it is not there. Due at once if it was not drawn within {@code every}, else when that is up.
     */
    void owe(long incident, String channel, Instant now, Duration every);

    /** The channels an incident has a board in. */
    List<String> channelsOf(long incident);

    /** Boards due by {@code now} and not being drawn. */
    List<Board> due(Instant now, int limit);

    /** When the next board falls due, if one is owed. */
    Optional<Instant> nextDue();

    /** Takes the drawing of a board until {@code leaseUntil}; empty when it is not due or another holds it. */
    Optional<Drawing> claim(long incident, String channel, Instant now, Instant leaseUntil);

    /**
     * The board shows {@code version}, in its message {@code ts}. Recorded only by the drawing's holder: false when
     * its lease was taken over. Due again after {@code every} when more came meanwhile.
     */
    boolean drawn(long incident, String channel, int version, String ts, Instant now, Duration every);

    /** The drawing failed: tried again at {@code retryAt}; recorded only by its holder. */
    void failed(long incident, String channel, Instant retryAt);

    /**
     * The board's message is gone (someone deleted it): the next drawing, at {@code retryAt}, posts it anew.
     * Recorded only by the drawing's holder.
     */
    void lost(long incident, String channel, Instant retryAt);

    /** The people whose reports are linked to {@code incident} from {@code channel}, newest first, and how many. */
    Linked linked(long incident, String channel, int limit);

    record Board(long incident, String channel) {
    }

    /**
     * A drawing held: the version it draws, the board's message if posted, and the attempt (1 for the first, after
     * which a board whose post's outcome is unknown is looked for before being posted again).
     */
    record Drawing(int version, String ts, int attempt) {
    }

    /** @param reporters their user ids, newest report first, at most the limit asked; {@code reports} counts all */
    record Linked(List<String> reporters, int reports) {
    }
}
