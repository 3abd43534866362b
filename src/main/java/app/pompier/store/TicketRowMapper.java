package app.pompier.store;

import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Priority;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A ticket row to the domain's {@link Ticket}. */
public final class TicketRowMapper implements RowMapper<Ticket> {
    @Override
    public Ticket map(ResultSet rs, StatementContext ctx) throws SQLException {
        String reference = rs.getString("reference");
        String prefix = reference.substring(0, reference.lastIndexOf('-'));
        return new Ticket(
                rs.getLong("id"),
                new TicketId(prefix, rs.getLong("number")),
                new SourceMessage(rs.getString("workspace"), rs.getString("channel"), rs.getString("message_ts"),
                        rs.getString("thread_ts")),
                rs.getString("reporter"),
                rs.getString("report_text"),
                rs.getString("permalink"),
                OpenedVia.fromCode(rs.getString("opened_via")),
                rs.getString("opened_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                TicketState.fromCode(rs.getString("state")),
                priority(rs, "priority"),
                rs.getString("card_ts"),
                priority(rs, "claimed_priority"),
                priority(rs, "qualified_priority"),
                rs.getInt("priority_confirmed") == 1,
                rs.getString("priority_reason"),
                rs.getInt("qualification_revision"),
                rs.getString("assignee"),
                instant(rs, "taken_at"),
                instant(rs, "sla_started_at"),
                instant(rs, "resolved_at"),
                rs.getString("category"),
                key(rs, "related_to"),
                instant(rs, "grouped_at"),
                rs.getString("related_reply_ts"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Long key(ResultSet rs, String column) throws SQLException {
        long key = rs.getLong(column);
        return rs.wasNull() ? null : key;
    }

    private static Priority priority(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : Priority.valueOf(value);
    }
}
