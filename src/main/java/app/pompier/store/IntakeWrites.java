package app.pompier.store;

import app.pompier.ticket.Ticket;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * Intake's statements for one group's transaction ({@link TicketSql}'s {@code REMEMBER_DELIVERY}…), each prepared
 * once per group on the transaction's own connection and run once per event. Through JDBI each run copied its
 * configuration and looked its mappers up again: at a thousand events a second that was most of what the writer
 * allocated (about 120 KB an event), and its collections reached the acks' tail. Errors come out as JDBI's, with the
 * database's own as their cause, as from the rest of the store.
 */
final class IntakeWrites implements AutoCloseable {
    private static final TicketRowMapper TICKETS = new TicketRowMapper();

    private final Connection connection;
    private PreparedStatement rememberDelivery;
    private PreparedStatement keyBySource;
    private PreparedStatement insertTicket;
    private PreparedStatement insertEvent;

    /** The statements of {@code handle}'s transaction; closed with {@link #close()}, the handle stays open. */
    IntakeWrites(Handle handle) {
        this.connection = handle.getConnection();
    }

    /** Whether Slack's delivery id is new (false: Slack delivered this event before). */
    boolean rememberDelivery(String eventId, long at) {
        try {
            rememberDelivery = prepared(rememberDelivery, TicketSql.REMEMBER_DELIVERY);
            rememberDelivery.setString(1, eventId);
            rememberDelivery.setLong(2, at);
            return rememberDelivery.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    Optional<Long> keyBySource(String workspace, String channel, String ts) {
        try {
            keyBySource = prepared(keyBySource, TicketSql.KEY_BY_SOURCE);
            keyBySource.setString(1, workspace);
            keyBySource.setString(2, channel);
            keyBySource.setString(3, ts);
            try (ResultSet rs = keyBySource.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The ticket inserted; empty when its message is a ticket already. */
    Optional<Ticket> insertTicket(String workspace, long number, String reference, String channel, String messageTs,
                                  String threadTs, String reporter, String text, String openedVia, String openedBy,
                                  long createdAt, String state) {
        try {
            insertTicket = prepared(insertTicket, TicketSql.INSERT_TICKET);
            PreparedStatement s = insertTicket;
            s.setString(1, workspace);
            s.setLong(2, number);
            s.setString(3, reference);
            s.setString(4, channel);
            s.setString(5, messageTs);
            text(s, 6, threadTs);
            text(s, 7, reporter);
            text(s, 8, text);
            s.setString(9, openedVia);
            text(s, 10, openedBy);
            s.setLong(11, createdAt);
            s.setString(12, state);
            s.setLong(13, createdAt);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(TICKETS.map(rs, null)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    void appendEvent(long ticketId, long at, String kind, String actor, String detail) {
        try {
            insertEvent = prepared(insertEvent, TicketSql.INSERT_EVENT);
            insertEvent.setLong(1, ticketId);
            insertEvent.setLong(2, at);
            insertEvent.setString(3, kind);
            text(insertEvent, 4, actor);
            text(insertEvent, 5, detail);
            insertEvent.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Takes {@code count} numbers of the workspace's sequence on {@code handle}; the last of them. */
    static long nextNumbers(Handle handle, String workspace, int count) {
        try (PreparedStatement s = handle.getConnection().prepareStatement(TicketSql.NEXT_NUMBERS)) {
            s.setString(1, workspace);
            s.setInt(2, count);
            s.setInt(3, count);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the ticket sequence returned no number for " + workspace);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private PreparedStatement prepared(PreparedStatement statement, String sql) throws SQLException {
        return statement != null ? statement : connection.prepareStatement(sql);
    }

    private static void text(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private static UnableToExecuteStatementException failed(SQLException e) {
        return new UnableToExecuteStatementException(e, null);
    }

    @Override
    public void close() {
        for (PreparedStatement s : new PreparedStatement[] {rememberDelivery, keyBySource, insertTicket, insertEvent}) {
            if (s != null) {
                try {
                    s.close();
                } catch (SQLException ignored) {
                    // The transaction ends with the handle; a statement that cannot close holds nothing of it.
                }
            }
        }
    }
}
