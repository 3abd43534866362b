package app.pompier.store;

import app.pompier.ticket.TimelineEntry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A ticket_event row to a {@link TimelineEntry}. */
public final class TimelineRowMapper implements RowMapper<TimelineEntry> {
    @Override
    public TimelineEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TimelineEntry(Instant.ofEpochMilli(rs.getLong("at")), rs.getString("kind"),
                rs.getString("actor"), rs.getString("detail"));
    }
}
