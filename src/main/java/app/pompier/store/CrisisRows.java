package app.pompier.store;

import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisCells;
import app.pompier.crisis.CrisisStep;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

/** Crisis rows: a cell without its steps (they are read apart), and a step. */
final class CrisisRows {
    private CrisisRows() {
    }

    record Cell(long id, long ticketId, CrisisCell.State state, String channelId, String channelName,
                String commander, String summaryTs, Instant requestedAt, Instant lastStatusAt) {
    }

    public static final class CellMapper implements RowMapper<Cell> {
        @Override
        public Cell map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Cell(rs.getLong("id"), rs.getLong("ticket_id"),
                    CrisisCell.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getString("channel_id"),
                    rs.getString("channel_name"), rs.getString("commander"), rs.getString("summary_ts"),
                    TicketRowMapper.instant(rs, "requested_at"), TicketRowMapper.instant(rs, "last_status_at"));
        }
    }

    public static final class OpeningMapper implements RowMapper<CrisisCells.Opening> {
        @Override
        public CrisisCells.Opening map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CrisisCells.Opening(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("next_try_at")));
        }
    }

    public static final class StepMapper implements RowMapper<CrisisCell.Step> {
        @Override
        public CrisisCell.Step map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new CrisisCell.Step(CrisisStep.fromCode(rs.getString("step")), rs.getInt("done") == 1,
                    rs.getString("detail"));
        }
    }
}
