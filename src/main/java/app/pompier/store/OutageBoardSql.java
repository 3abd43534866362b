package app.pompier.store;

import app.pompier.outage.OutageBoards;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of the outage boards. */
interface OutageBoardSql {

    @SqlUpdate("""
            INSERT INTO outage_board (incident_id, channel, version, due_at) VALUES (:incident, :channel, 1, :now)
            ON CONFLICT (incident_id, channel) DO UPDATE SET
                version = outage_board.version + 1,
                due_at = COALESCE(outage_board.due_at,
                                  CASE WHEN outage_board.drawn_at IS NOT NULL AND outage_board.drawn_at + :every > :now
                                       THEN outage_board.drawn_at + :every ELSE :now END)
            """)
    void owe(@Bind("incident") long incident, @Bind("channel") String channel, @Bind("now") long now,
             @Bind("every") long every);

    @SqlQuery("SELECT channel FROM outage_board WHERE incident_id = :incident ORDER BY channel")
    List<String> channelsOf(@Bind("incident") long incident);

    @SqlQuery("""
            SELECT incident_id, channel FROM outage_board
             WHERE due_at IS NOT NULL AND due_at <= :now AND (leased_until IS NULL OR leased_until < :now)
             ORDER BY due_at LIMIT :limit
            """)
    @RegisterRowMapper(BoardMapper.class)
    List<OutageBoards.Board> due(@Bind("now") long now, @Bind("limit") int limit);

    @SqlQuery("SELECT due_at FROM outage_board WHERE due_at IS NOT NULL ORDER BY due_at LIMIT 1")
    Optional<Long> nextDue();

    @SqlQuery("""
            UPDATE outage_board SET leased_by = :owner, leased_until = :until, attempts = attempts + 1
             WHERE incident_id = :incident AND channel = :channel AND due_at IS NOT NULL AND due_at <= :now
               AND (leased_until IS NULL OR leased_until < :now)
            RETURNING version, ts, attempts
            """)
    @RegisterRowMapper(DrawingMapper.class)
    Optional<OutageBoards.Drawing> claim(@Bind("incident") long incident, @Bind("channel") String channel,
                                    @Bind("now") long now, @Bind("until") long until, @Bind("owner") String owner);

    @SqlUpdate("""
            UPDATE outage_board SET ts = COALESCE(ts, :ts), shown_version = :version, drawn_at = :now,
                                    leased_by = NULL, leased_until = NULL, attempts = 0,
                                    due_at = CASE WHEN version > :version THEN :now + :every ELSE NULL END
             WHERE incident_id = :incident AND channel = :channel AND leased_by = :owner
            """)
    int drawn(@Bind("incident") long incident, @Bind("channel") String channel, @Bind("version") int version,
              @Bind("ts") String ts, @Bind("now") long now, @Bind("every") long every, @Bind("owner") String owner);

    @SqlUpdate("""
            UPDATE outage_board SET due_at = :retryAt, leased_by = NULL, leased_until = NULL
             WHERE incident_id = :incident AND channel = :channel AND leased_by = :owner
            """)
    void failed(@Bind("incident") long incident, @Bind("channel") String channel, @Bind("retryAt") long retryAt,
                @Bind("owner") String owner);

    @SqlUpdate("""
            UPDATE outage_board SET ts = NULL, due_at = :retryAt, leased_by = NULL, leased_until = NULL, attempts = 0
             WHERE incident_id = :incident AND channel = :channel AND leased_by = :owner
            """)
    void lost(@Bind("incident") long incident, @Bind("channel") String channel, @Bind("retryAt") long retryAt,
              @Bind("owner") String owner);

    @SqlQuery("""
            SELECT reporter FROM ticket
             WHERE related_to = :incident AND channel = :channel AND reporter IS NOT NULL
             ORDER BY id DESC LIMIT :limit
            """)
    List<String> linkedReporters(@Bind("incident") long incident, @Bind("channel") String channel,
                                 @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM ticket WHERE related_to = :incident AND channel = :channel")
    int linkedReports(@Bind("incident") long incident, @Bind("channel") String channel);

    final class BoardMapper implements RowMapper<OutageBoards.Board> {
        @Override
        public OutageBoards.Board map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OutageBoards.Board(rs.getLong("incident_id"), rs.getString("channel"));
        }
    }

    final class DrawingMapper implements RowMapper<OutageBoards.Drawing> {
        @Override
        public OutageBoards.Drawing map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OutageBoards.Drawing(rs.getInt("version"), rs.getString("ts"), rs.getInt("attempts"));
        }
    }
}
