package app.pompier.store;

import app.pompier.outage.RelatedReports;
import app.pompier.outage.ReporterNews;
import app.pompier.ticket.Ticket;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Every SQL statement on related reports and the news owed to their reporters. Portable: SQLite and PostgreSQL. */
@RegisterRowMapper(TicketRowMapper.class)
interface ReportSql {

    @SqlQuery(TicketSql.TICKET_COLUMNS
            + " WHERE grouped_at IS NULL AND id > :after AND id <= :upTo ORDER BY id LIMIT :limit")
    List<Ticket> undecided(@Bind("after") long after, @Bind("upTo") long upTo, @Bind("limit") int limit);

    /**
     * Two index ranges rather than one OR: the recent tickets (by workspace and creation) and the open P1s and P2s
     * (by workspace, state and priority), so the cost follows what is recent and open, not the history.
     */
    @SqlQuery("SELECT * FROM (" + TicketSql.TICKET_COLUMNS + """
             WHERE workspace = :workspace AND created_at >= :since AND grouped_at IS NOT NULL
               AND state NOT IN ('resolved', 'closed')
             ORDER BY id DESC LIMIT :limit) AS recent
            UNION
            """ + TicketSql.TICKET_COLUMNS + """
             WHERE workspace = :workspace AND state NOT IN ('resolved', 'closed') AND priority IN ('P1', 'P2')
               AND related_to IS NULL AND grouped_at IS NOT NULL
             ORDER BY id DESC
            """)
    List<Ticket> candidates(@Bind("workspace") String workspace, @Bind("since") long since, @Bind("limit") int limit);

    @SqlUpdate("UPDATE ticket SET grouped_at = :at WHERE id = :key AND grouped_at IS NULL")
    int decideOwn(@Bind("key") long key, @Bind("at") long at);

    /** Related only if the incident is still an open incident of its own (not resolved, not related elsewhere). */
    @SqlUpdate("UPDATE ticket SET grouped_at = :at, related_to = :incident"
            + " WHERE id = :key AND grouped_at IS NULL AND id <> :incident AND EXISTS (" + OPEN_INCIDENT + ")")
    int decideRelated(@Bind("key") long key, @Bind("incident") long incident, @Bind("at") long at);

    /** The incident a report is related to: open, and not itself related to another. */
    String OPEN_INCIDENT = "SELECT 1 FROM ticket i WHERE i.id = :incident AND i.related_to IS NULL"
            + " AND i.state NOT IN ('resolved', 'closed')";

    /**
     * Its reply becomes due; a first answer being posted keeps its lease, and the worker that holds it makes the
     * reply due when it is done.
     */
    @SqlUpdate("UPDATE ticket SET related_to = :incident, grouped_at = COALESCE(grouped_at, :at),"
            + " card_attempts = CASE WHEN card_due_at > :at THEN card_attempts ELSE 0 END,"
            + " card_due_at = CASE WHEN card_due_at > :at THEN card_due_at ELSE :at END, card_error = NULL"
            + " WHERE id = :key AND id <> :incident AND (related_to IS NULL OR related_to <> :incident)"
            + " AND EXISTS (" + OPEN_INCIDENT + ")")
    int link(@Bind("key") long key, @Bind("incident") long incident, @Bind("at") long at);

    /** The reports related to a ticket that becomes a related report itself follow it to its incident. */
    @SqlUpdate("UPDATE ticket SET related_to = :incident WHERE related_to = :key AND id <> :incident")
    int moveReports(@Bind("key") long key, @Bind("incident") long incident);

    /**
     * Its card becomes due if it has none, without breaking the lease of an answer being posted; one that has its
     * card (a lead linked it after it) needs nothing more.
     */
    @SqlUpdate("""
            UPDATE ticket SET related_to = NULL,
                              card_attempts = CASE WHEN card_ts IS NULL AND (card_due_at IS NULL OR card_due_at <= :now)
                                                   THEN 0 ELSE card_attempts END,
                              card_due_at = CASE WHEN card_ts IS NOT NULL THEN NULL
                                                 WHEN card_due_at > :now THEN card_due_at ELSE :now END
             WHERE id = :key AND related_to IS NOT NULL
            """)
    int unlink(@Bind("key") long key, @Bind("now") long now);

    /**
     * The incident has ended: each related report not yet ended is owed the resolution (its own row replacing any
     * news still unposted) and is resolved, in the transaction of the caller, so that one is never without the
     * other.
     */
    @SqlUpdate("""
            INSERT INTO reporter_notice (ticket_id, incident_id, channel, kind, version, due_at, queued_at)
            SELECT id, :incident, channel, 'resolved', 1, :now, :now FROM ticket
             WHERE related_to = :incident AND state NOT IN ('resolved', 'closed')
            ON CONFLICT (ticket_id) DO UPDATE SET incident_id = excluded.incident_id, kind = excluded.kind,
                   known = NULL, doing = NULL, next_at = NULL, version = reporter_notice.version + 1,
                   due_at = excluded.due_at, queued_at = excluded.queued_at, last_error = NULL,
                   attempts = CASE WHEN reporter_notice.leased_until > excluded.due_at THEN reporter_notice.attempts
                                   ELSE 0 END
            """)
    int oweResolution(@Bind("incident") long incident, @Bind("now") long now);

    @SqlUpdate("""
            INSERT INTO ticket_event (ticket_id, at, kind, actor, detail)
            SELECT id, :now, 'state', NULL, state || ' -> resolved with ' || :incidentId FROM ticket
             WHERE related_to = :incident AND state NOT IN ('resolved', 'closed')
            """)
    void noteResolvedWith(@Bind("incident") long incident, @Bind("incidentId") String incidentId,
                          @Bind("now") long now);

    @SqlUpdate("""
            UPDATE ticket_wait SET ended_at = :now
             WHERE ended_at IS NULL AND ticket_id IN (SELECT id FROM ticket WHERE related_to = :incident
                                                        AND state NOT IN ('resolved', 'closed'))
            """)
    void endWaitsOfReports(@Bind("incident") long incident, @Bind("now") long now);

    @SqlUpdate("""
            UPDATE ticket SET state = 'resolved', resolved_at = :now, sla_dirty = 1
             WHERE related_to = :incident AND state NOT IN ('resolved', 'closed')
            """)
    int resolveReports(@Bind("incident") long incident, @Bind("now") long now);

    /** Incidents that have ended while some of their related reports are still open (a crash in between). */
    @SqlQuery("""
            SELECT DISTINCT i.id FROM ticket i JOIN ticket r ON r.related_to = i.id
             WHERE i.state IN ('resolved', 'closed') AND r.state NOT IN ('resolved', 'closed')
             ORDER BY i.id LIMIT :limit
            """)
    List<Long> endedWithOpenReports(@Bind("limit") int limit);

    @SqlUpdate("DELETE FROM reporter_notice WHERE ticket_id = :key")
    void forgetNews(@Bind("key") long key);

    @SqlQuery("SELECT related_reply_ts FROM ticket WHERE id = :key AND related_reply_ts IS NOT NULL")
    Optional<String> replyOf(@Bind("key") long key);

    @SqlQuery(TicketSql.TICKET_COLUMNS + " WHERE related_to = :incident AND state <> 'closed' ORDER BY id")
    List<Ticket> reportsOf(@Bind("incident") long incident);

    @SqlQuery("""
            SELECT channel, COUNT(*) AS reports, MAX(created_at) AS latest FROM ticket
             WHERE id = :incident OR related_to = :incident
             GROUP BY channel ORDER BY reports DESC, channel
            """)
    @RegisterRowMapper(ChannelCountMapper.class)
    List<ChannelCount> reportsByChannel(@Bind("incident") long incident);

    @SqlQuery("""
            SELECT COUNT(DISTINCT COALESCE(reporter, opened_by)) FROM ticket WHERE id = :incident OR related_to = :incident
            """)
    int people(@Bind("incident") long incident);

    /**
     * One row per thread: news still unposted is replaced by the newer, so the reporter gets the latest. A row
     * being posted keeps its lease (the newer version is claimed once the worker that holds it is done), and a new
     * version starts its attempts afresh.
     */
    @SqlUpdate("""
            INSERT INTO reporter_notice (ticket_id, incident_id, channel, kind, known, doing, next_at, version,
                                         due_at, queued_at)
            SELECT id, :incident, channel, :kind, :known, :doing, :nextAt, 1, :now, :now FROM ticket
             WHERE related_to = :incident AND state <> 'closed' AND (:openOnly = 0 OR state <> 'resolved')
            ON CONFLICT (ticket_id) DO UPDATE SET incident_id = excluded.incident_id, kind = excluded.kind,
                   known = excluded.known, doing = excluded.doing, next_at = excluded.next_at,
                   version = reporter_notice.version + 1, due_at = excluded.due_at,
                   queued_at = excluded.queued_at, last_error = NULL,
                   attempts = CASE WHEN reporter_notice.leased_until > excluded.due_at THEN reporter_notice.attempts
                                   ELSE 0 END
            """)
    int owe(@Bind("incident") long incident, @Bind("kind") String kind, @Bind("known") String known,
            @Bind("doing") String doing, @Bind("nextAt") Long nextAt, @Bind("openOnly") int openOnly,
            @Bind("now") long now);

    @SqlQuery("""
            SELECT n.ticket_id, n.channel FROM reporter_notice n JOIN ticket t ON t.id = n.ticket_id
             WHERE n.due_at IS NOT NULL AND n.due_at <= :now
               AND (n.leased_until IS NULL OR n.leased_until <= :now OR n.leased_by IN """
            + ReplicaHeartbeat.DEAD_REPLICAS + """
            )
               AND t.related_reply_ts IS NOT NULL
             ORDER BY n.due_at, n.ticket_id LIMIT :limit
            """)
    @RegisterRowMapper(OwedMapper.class)
    List<RelatedReports.Owed> owedBy(@Bind("now") long now, @Bind("owner") String owner, @Bind("limit") int limit);

    @SqlQuery("""
            UPDATE reporter_notice SET leased_until = :leaseUntil, leased_version = version, attempts = attempts + 1,
                                       leased_by = :owner
             WHERE ticket_id = :report AND due_at IS NOT NULL AND due_at <= :now
               AND (leased_until IS NULL OR leased_until <= :now OR leased_by IN """
            + ReplicaHeartbeat.DEAD_REPLICAS + """
            )
            RETURNING ticket_id, incident_id, kind, known, doing, next_at, version, attempts
            """)
    @RegisterRowMapper(PendingNewsMapper.class)
    Optional<ReporterNews.Pending> claimNews(@Bind("report") long report, @Bind("now") long now,
                                             @Bind("leaseUntil") long leaseUntil, @Bind("owner") String owner);

    /** The claim news is recorded under: the replica and attempt that posted it hold it still. */
    String NEWS_CLAIM_HELD = " AND leased_by = :owner AND attempts = :attempt";

    @SqlUpdate("""
            UPDATE reporter_notice SET posted_version = CASE WHEN :version > posted_version THEN :version
                                                             ELSE posted_version END,
                                       posted_at = :at, last_error = NULL, posted_ts = :ts,
                                       due_at = CASE WHEN version = :version OR posted_version >= version THEN NULL
                                                     ELSE due_at END,
                                       attempts = CASE WHEN leased_version = :version THEN 0 ELSE attempts END,
                                       leased_until = CASE WHEN leased_version = :version THEN NULL
                                                           ELSE leased_until END
             WHERE ticket_id = :report""" + NEWS_CLAIM_HELD)
    int newsPosted(@Bind("report") long report, @Bind("version") int version, @Bind("ts") String ts,
                   @Bind("at") long at, @Bind("owner") String owner, @Bind("attempt") int attempt);

    @SqlUpdate("""
            UPDATE reporter_notice SET leased_until = NULL, due_at = :at, attempts = attempts - 1
             WHERE ticket_id = :report""" + NEWS_CLAIM_HELD)
    int releaseNews(@Bind("report") long report, @Bind("at") long at, @Bind("owner") String owner,
                    @Bind("attempt") int attempt);

    @SqlQuery("SELECT posted_ts FROM reporter_notice WHERE ticket_id = :report AND posted_ts IS NOT NULL")
    Optional<String> newsTs(@Bind("report") long report);

    /** A newer version queued meanwhile stays due (from its first attempt), whatever became of the older. */
    @SqlUpdate("""
            UPDATE reporter_notice SET last_error = :error,
                                       due_at = CASE WHEN version = :version THEN :retryAt ELSE due_at END,
                                       attempts = CASE WHEN version = :version THEN attempts ELSE 0 END,
                                       leased_until = CASE WHEN leased_version = :version THEN NULL
                                                           ELSE leased_until END
             WHERE ticket_id = :report""" + NEWS_CLAIM_HELD)
    int newsFailed(@Bind("report") long report, @Bind("version") int version, @Bind("error") String error,
                   @Bind("retryAt") Long retryAt, @Bind("now") long now, @Bind("owner") String owner,
                   @Bind("attempt") int attempt);

    /** This replica's live leases (its last run's), and retry waits: another replica's live lease stays. */
    @SqlUpdate("""
            UPDATE reporter_notice SET leased_until = NULL, due_at = :now
             WHERE due_at IS NOT NULL
               AND ((leased_until > :now AND (leased_by = :owner OR leased_by IS NULL))
                    OR (leased_until IS NULL AND due_at > :now))
            """)
    int releaseNewsClaims(@Bind("now") long now, @Bind("owner") String owner);

    @SqlUpdate("""
            INSERT INTO probable_p1 (incident_id, reports, proposed_at) VALUES (:incident, :reports, :at)
            ON CONFLICT (incident_id) DO NOTHING
            """)
    int proposeProbableP1(@Bind("incident") long incident, @Bind("reports") int reports, @Bind("at") long at);

    @SqlUpdate("DELETE FROM probable_p1 WHERE incident_id = :incident")
    void withdrawProbableP1(@Bind("incident") long incident);

    record ChannelCount(String channel, int reports, long latest) {
    }

    final class ChannelCountMapper implements org.jdbi.v3.core.mapper.RowMapper<ChannelCount> {
        @Override
        public ChannelCount map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new ChannelCount(rs.getString("channel"), rs.getInt("reports"), rs.getLong("latest"));
        }
    }

    final class OwedMapper implements org.jdbi.v3.core.mapper.RowMapper<RelatedReports.Owed> {
        @Override
        public RelatedReports.Owed map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new RelatedReports.Owed(rs.getLong("ticket_id"), rs.getString("channel"));
        }
    }

    final class PendingNewsMapper implements org.jdbi.v3.core.mapper.RowMapper<ReporterNews.Pending> {
        @Override
        public ReporterNews.Pending map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new ReporterNews.Pending(rs.getLong("ticket_id"), rs.getLong("incident_id"),
                    new ReporterNews(ReporterNews.Kind.fromCode(rs.getString("kind")), rs.getString("known"),
                            rs.getString("doing"), TicketRowMapper.instant(rs, "next_at")),
                    rs.getInt("version"), rs.getInt("attempts"));
        }
    }
}
