package app.pompier.store;

import app.pompier.ticket.TicketFigures;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;

/** {@link TicketFigures} from the SQL database: the P1-inflation panel and /api/stats read these. */
public final class TicketFiguresDatabaseRepository implements TicketFigures {
    private final Jdbi jdbi;

    public TicketFiguresDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<Inflation> inflation(String workspace, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT t.channel,
                       SUM(CASE WHEN t.claimed_priority = 'P1' THEN 1 ELSE 0 END) AS claimed,
                       SUM(CASE WHEN t.priority = 'P1' AND t.priority_confirmed = 1 THEN 1 ELSE 0 END) AS confirmed,
                       (SELECT COUNT(*) FROM downgrade_proposal d JOIN ticket x ON x.id = d.ticket_id
                         WHERE x.workspace = :workspace AND x.channel = t.channel AND d.proposed_at >= :since) AS proposed,
                       (SELECT COUNT(*) FROM downgrade_proposal d JOIN ticket x ON x.id = d.ticket_id
                         WHERE x.workspace = :workspace AND x.channel = t.channel AND d.proposed_at >= :since
                           AND d.answer = 'accepted') AS accepted,
                       (SELECT COUNT(*) FROM downgrade_proposal d JOIN ticket x ON x.id = d.ticket_id
                         WHERE x.workspace = :workspace AND x.channel = t.channel AND d.proposed_at >= :since
                           AND d.answer = 'refused') AS refused
                  FROM ticket t
                 WHERE t.workspace = :workspace AND t.created_at >= :since
                 GROUP BY t.channel
                 ORDER BY claimed DESC, t.channel
                """).bind("workspace", workspace).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new Inflation(rs.getString("channel"), rs.getLong("claimed"), rs.getLong("confirmed"),
                        rs.getLong("proposed"), rs.getLong("accepted"), rs.getLong("refused")))
                .list());
    }

    @Override
    public Counts counts(String workspace, Instant since) {
        return jdbi.withHandle(h -> {
            var c = h.createQuery("""
                    SELECT SUM(CASE WHEN state NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END) AS open,
                           SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND priority = 'P1' THEN 1 ELSE 0 END) AS p1,
                           SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND priority = 'P2' THEN 1 ELSE 0 END) AS p2,
                           SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND priority = 'P3' THEN 1 ELSE 0 END) AS p3,
                           SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND priority IS NULL THEN 1 ELSE 0 END) AS unq,
                           SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND assignee IS NULL THEN 1 ELSE 0 END) AS unas,
                           SUM(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END) AS resolved,
                           SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END) AS closed
                      FROM ticket WHERE workspace = :workspace AND related_to IS NULL
                    """).bind("workspace", workspace).mapToMap().one();
            var sla = h.createQuery("""
                    SELECT SUM(CASE WHEN c.goal = 'take_in' AND c.met = 1 THEN 1 ELSE 0 END) AS tim,
                           SUM(CASE WHEN c.goal = 'take_in' AND c.met = 0 THEN 1 ELSE 0 END) AS tix,
                           SUM(CASE WHEN c.goal = 'resolution' AND c.met = 1 THEN 1 ELSE 0 END) AS rm,
                           SUM(CASE WHEN c.goal = 'resolution' AND c.met = 0 THEN 1 ELSE 0 END) AS rx
                      FROM sla_clock c JOIN ticket t ON t.id = c.ticket_id
                     WHERE t.workspace = :workspace AND c.done_at >= :since AND t.related_to IS NULL
                    """).bind("workspace", workspace).bind("since", since.toEpochMilli()).mapToMap().one();
            List<Long> takeIn = h.createQuery("""
                    SELECT (taken_at - COALESCE(sla_started_at, created_at)) / 60000 FROM ticket
                     WHERE workspace = :workspace AND taken_at >= :since AND related_to IS NULL ORDER BY 1
                    """).bind("workspace", workspace).bind("since", since.toEpochMilli()).mapTo(Long.class).list();
            List<Long> resolution = h.createQuery("""
                    SELECT (resolved_at - COALESCE(sla_started_at, created_at)) / 60000 FROM ticket
                     WHERE workspace = :workspace AND resolved_at >= :since AND related_to IS NULL ORDER BY 1
                    """).bind("workspace", workspace).bind("since", since.toEpochMilli()).mapTo(Long.class).list();
            return new Counts(n(c.get("open")), n(c.get("p1")), n(c.get("p2")), n(c.get("p3")), n(c.get("unq")),
                    n(c.get("unas")), n(c.get("resolved")), n(c.get("closed")), n(sla.get("tim")), n(sla.get("tix")),
                    n(sla.get("rm")), n(sla.get("rx")), median(takeIn), median(resolution));
        });
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Long median(List<Long> sorted) {
        return sorted.isEmpty() ? null : sorted.get(sorted.size() / 2);
    }
}
