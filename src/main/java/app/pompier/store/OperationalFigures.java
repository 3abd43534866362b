package app.pompier.store;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;

/**
 * What /metrics reports from the store, read once per scrape: open tickets by state and priority, the card
 * outbox, crisis cells by state and SLA goals missed. Each is one small query, and the same whichever
 * replica answers the scrape.
 */
public final class OperationalFigures {
    private final Jdbi jdbi;

    public OperationalFigures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Open tickets of one state and priority ({@code priority} null: not qualified yet). */
    public record OpenTickets(String state, String priority, long count) {
    }

    /**
     * Cards due to be posted or redrawn ({@code count}), those never posted yet ({@code unposted}: a reporter
     * still without an answer), and when the oldest of these was asked for (null when there is none).
     */
    public record CardBacklog(long count, long unposted, Instant oldestUnpostedSince) {
    }

    public record Count(String key, long count) {
    }

    /**
     * Open related reports ({@code openReports}), related reporters still owed news ({@code owed}) and since when
     * the longest owed has waited (null when none).
     */
    public record NewsOwed(long openReports, long owed, Instant oldestSince) {
    }

    public NewsOwed relatedNews() {
        return jdbi.withHandle(h -> {
            long open = h.createQuery("SELECT COUNT(*) FROM ticket WHERE related_to IS NOT NULL"
                    + " AND state NOT IN ('resolved', 'closed')").mapTo(Long.class).one();
            return h.createQuery("SELECT COUNT(*) AS n, MIN(queued_at) AS oldest FROM reporter_notice"
                    + " WHERE due_at IS NOT NULL").map((rs, ctx) -> {
                long owed = rs.getLong("n");
                long oldest = rs.getLong("oldest");
                return new NewsOwed(open, owed, rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
            }).one();
        });
    }

    public List<OpenTickets> openTickets() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT state, priority, COUNT(*) AS n FROM ticket
                 WHERE state NOT IN ('resolved', 'closed') GROUP BY state, priority
                """).map((rs, ctx) -> new OpenTickets(rs.getString("state"), rs.getString("priority"),
                rs.getLong("n"))).list());
    }

    public CardBacklog cardBacklog() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) AS n,
                       SUM(CASE WHEN card_ts IS NULL THEN 1 ELSE 0 END) AS unposted,
                       MIN(CASE WHEN card_ts IS NULL THEN created_at END) AS oldest
                  FROM ticket WHERE card_due_at IS NOT NULL
                """).map((rs, ctx) -> {
            long count = rs.getLong("n");
            long unposted = rs.getLong("unposted");
            long oldest = rs.getLong("oldest");
            return new CardBacklog(count, unposted, rs.wasNull() ? null : Instant.ofEpochMilli(oldest));
        }).one());
    }

    public List<Count> crisisCells() {
        return jdbi.withHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM crisis_cell GROUP BY state")
                .map((rs, ctx) -> new Count(rs.getString("state"), rs.getLong("n"))).list());
    }

    /** Goals of open tickets whose deadline has passed (running clocks only), by goal ("take_in", "resolution"). */
    public List<Count> slaOverdue(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT goal, COUNT(*) AS n FROM sla_clock
                 WHERE due_at IS NOT NULL AND done_at IS NULL AND due_at <= :now GROUP BY goal
                """).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Count(rs.getString("goal"), rs.getLong("n"))).list());
    }
}
