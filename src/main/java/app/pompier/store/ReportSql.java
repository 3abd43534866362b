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

    @SqlQuery(TicketSql.TICKET_COLUMNS + " WHERE grouped_at IS NULL AND id <= :upTo ORDER BY id LIMIT :limit")
    List<Ticket> undecided(@Bind("upTo") long upTo, @Bind("limit") int limit);

    /** Two index ranges rather than one OR, so that the cost follows the recent reports, not the history. */
    @SqlQuery(TicketSql.TICKET_COLUMNS + """
             WHERE workspace = :workspace AND created_at >= :since AND grouped_at IS NOT NULL
               AND state NOT IN ('resolved', 'closed')
            UNION
            """ + TicketSql.TICKET_COLUMNS + """
             WHERE workspace = :workspace AND state NOT IN ('resolved', 'closed') AND priority IN ('P1', 'P2')
               AND related_to IS NULL AND grouped_at IS NOT NULL
             ORDER BY id DESC LIMIT :limit
            """)
    List<Ticket> candidates(@Bind("workspace") String workspace, @Bind("since") long since, @Bind("limit") int limit);

    @SqlUpdate("UPDATE ticket SET grouped_at = :at, related_to = :incident WHERE id = :key AND grouped_at IS NULL")
    int decide(@Bind("key") long key, @Bind("incident") Long incident, @Bind("at") long at);

    @SqlUpdate("""
            UPDATE ticket SET related_to = :incident, grouped_at = COALESCE(grouped_at, :at), card_due_at = :at,
                              card_attempts = 0, card_error = NULL
             WHERE id = :key AND (related_to IS NULL OR related_to <> :incident)
            """)
    int link(@Bind("key") long key, @Bind("incident") long incident, @Bind("at") long at);

    /** The reports related to a ticket that becomes a related report itself follow it to its incident. */
    @SqlUpdate("UPDATE ticket SET related_to = :incident WHERE related_to = :key")
    int moveReports(@Bind("key") long key, @Bind("incident") long incident);

    @SqlUpdate("""
            UPDATE ticket SET related_to = NULL,
                              card_due_at = CASE WHEN card_ts IS NULL THEN :now ELSE card_due_at END,
                              card_attempts = CASE WHEN card_ts IS NULL THEN 0 ELSE card_attempts END
             WHERE id = :key AND related_to IS NOT NULL
            """)
    int unlink(@Bind("key") long key, @Bind("now") long now);

    @SqlUpdate("DELETE FROM reporter_notice WHERE ticket_id = :key")
    void forgetNews(@Bind("key") long key);

    @SqlQuery("SELECT related_reply_ts FROM ticket WHERE id = :key AND related_reply_ts IS NOT NULL")
    Optional<String> replyOf(@Bind("key") long key);

    @SqlQuery(TicketSql.TICKET_COLUMNS + " WHERE related_to = :incident AND state <> 'closed' ORDER BY id")
    List<Ticket> reportsOf(@Bind("incident") long incident);

    @SqlQuery("""
            SELECT channel, COUNT(*) AS reports FROM ticket WHERE id = :incident OR related_to = :incident
             GROUP BY channel ORDER BY reports DESC, channel
            """)
    @RegisterRowMapper(ChannelCountMapper.class)
    List<ChannelCount> reportsByChannel(@Bind("incident") long incident);

    @SqlQuery("""
            SELECT COUNT(DISTINCT COALESCE(reporter, opened_by)) FROM ticket WHERE id = :incident OR related_to = :incident
            """)
    int people(@Bind("incident") long incident);

    @SqlQuery("SELECT MAX(created_at) FROM ticket WHERE id = :incident OR related_to = :incident")
    Optional<Long> latest(@Bind("incident") long incident);

    /** One row per thread: news still unposted is replaced by the newer, so the reporter gets the latest. */
    @SqlUpdate("""
            INSERT INTO reporter_notice (ticket_id, incident_id, channel, kind, known, doing, next_at, version,
                                         due_at, queued_at)
            SELECT id, :incident, channel, :kind, :known, :doing, :nextAt, 1, :now, :now FROM ticket
             WHERE related_to = :incident AND state <> 'closed' AND (:openOnly = 0 OR state <> 'resolved')
            ON CONFLICT (ticket_id) DO UPDATE SET incident_id = excluded.incident_id, kind = excluded.kind,
                   known = excluded.known, doing = excluded.doing, next_at = excluded.next_at,
                   version = reporter_notice.version + 1, due_at = excluded.due_at, attempts = 0,
                   queued_at = excluded.queued_at, last_error = NULL
            """)
    int owe(@Bind("incident") long incident, @Bind("kind") String kind, @Bind("known") String known,
            @Bind("doing") String doing, @Bind("nextAt") Long nextAt, @Bind("openOnly") int openOnly,
            @Bind("now") long now);

    @SqlQuery("""
            SELECT ticket_id, channel FROM reporter_notice WHERE due_at IS NOT NULL AND due_at <= :now
             ORDER BY due_at, ticket_id LIMIT :limit
            """)
    @RegisterRowMapper(OwedMapper.class)
    List<RelatedReports.Owed> owedBy(@Bind("now") long now, @Bind("limit") int limit);

    @SqlQuery("""
            UPDATE reporter_notice SET due_at = :leaseUntil, attempts = attempts + 1
             WHERE ticket_id = :report AND due_at IS NOT NULL AND due_at <= :now
            RETURNING ticket_id, incident_id, kind, known, doing, next_at, version, attempts
            """)
    @RegisterRowMapper(PendingNewsMapper.class)
    Optional<ReporterNews.Pending> claimNews(@Bind("report") long report, @Bind("now") long now,
                                             @Bind("leaseUntil") long leaseUntil);

    @SqlUpdate("""
            UPDATE reporter_notice SET posted_version = :version, posted_at = :at, last_error = NULL,
                                       due_at = CASE WHEN version = :version THEN NULL ELSE :at END
             WHERE ticket_id = :report
            """)
    void newsPosted(@Bind("report") long report, @Bind("version") int version, @Bind("at") long at);

    @SqlUpdate("UPDATE reporter_notice SET last_error = :error, due_at = :retryAt WHERE ticket_id = :report")
    void newsFailed(@Bind("report") long report, @Bind("error") String error, @Bind("retryAt") Long retryAt);

    @SqlUpdate("UPDATE reporter_notice SET due_at = :now WHERE due_at > :now")
    int releaseNewsClaims(@Bind("now") long now);

    @SqlUpdate("""
            INSERT INTO probable_p1 (incident_id, reports, proposed_at) VALUES (:incident, :reports, :at)
            ON CONFLICT (incident_id) DO NOTHING
            """)
    int proposeProbableP1(@Bind("incident") long incident, @Bind("reports") int reports, @Bind("at") long at);

    @SqlUpdate("DELETE FROM probable_p1 WHERE incident_id = :incident")
    void withdrawProbableP1(@Bind("incident") long incident);

    record ChannelCount(String channel, int reports) {
    }

    final class ChannelCountMapper implements org.jdbi.v3.core.mapper.RowMapper<ChannelCount> {
        @Override
        public ChannelCount map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new ChannelCount(rs.getString("channel"), rs.getInt("reports"));
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
