package app.pompier.store;

import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Intake's statements for one group's transaction, a group at a time ({@link TicketSql}'s {@code REMEMBER_DELIVERY}…),
 * as plain JDBC. Through JDBI each statement copied its configuration and looked its mappers up again: at a thousand
 * events a second that was most of what the writer allocated (about 120 KB an event), and its collections reached the
 * acks' tail.
 *
 * <p>On SQLite, in the process, each statement runs once per event, prepared once per group. On PostgreSQL each is one
 * statement for the whole group (the events' values as arrays): the writer is one connection, and a round trip per
 * event and statement made its turn longer than the time between two groups at 500 events a second per replica.
 *
 * <p>Errors come out as JDBI's, with the database's own as their cause, as from the rest of the store.
 */
final class IntakeWrites implements AutoCloseable {
    private static final TicketRowMapper TICKETS = new TicketRowMapper();
    /** The PostgreSQL types of {@link TicketSql#NEW_TICKET_COLUMNS}, for their arrays. */
    private static final String[] NEW_TICKET_TYPES = {"text", "bigint", "text", "text", "text", "text", "text", "text",
            "text", "text", "bigint", "text"};

    /** What a new ticket is made of; its message's {@link #key} says which returned row is its own. */
    record NewTicket(SourceMessage source, long number, String reference, String reporter, String text,
                     String openedVia, String openedBy, long createdAt, String state) {
    }

    /** A line of a ticket's timeline. */
    record Event(long ticketId, long at, String kind, String actor, String detail) {
    }

    private final Connection connection;
    private final boolean postgres;
    private PreparedStatement rememberDelivery;
    private PreparedStatement keyBySource;
    private PreparedStatement insertTicket;

    /** The statements of {@code handle}'s transaction; closed with {@link #close()}, the handle stays open. */
    IntakeWrites(Handle handle, boolean postgres) {
        this.connection = handle.getConnection();
        this.postgres = postgres;
    }

    /** A message as the key of the maps below: its workspace, channel and timestamp. */
    static String key(SourceMessage source) {
        return source.workspace() + "/" + source.channel() + "/" + source.ts();
    }

    /**
     * Records Slack's delivery ids (in the order given, which is the order their rows are taken in); the ids that are
     * new. An id Slack delivered before, or twice in the list, is new at most once.
     */
    Set<String> rememberDeliveries(List<String> eventIds, List<Long> receivedAt) {
        Set<String> fresh = new HashSet<>();
        try {
            if (postgres) {
                try (PreparedStatement s = connection.prepareStatement(TicketSql.REMEMBER_DELIVERIES_POSTGRES)) {
                    s.setArray(1, array("text", eventIds));
                    s.setArray(2, array("bigint", receivedAt));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            fresh.add(rs.getString(1));
                        }
                    }
                }
                return fresh;
            }
            rememberDelivery = prepared(rememberDelivery, TicketSql.REMEMBER_DELIVERY);
            for (int i = 0; i < eventIds.size(); i++) {
                rememberDelivery.setString(1, eventIds.get(i));
                rememberDelivery.setLong(2, receivedAt.get(i));
                if (rememberDelivery.executeUpdate() > 0) {
                    fresh.add(eventIds.get(i));
                }
            }
            return fresh;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** The keys of the messages that are tickets already, by {@link #key}: index lookups, without reading the rows. */
    Map<String, Long> keysBySource(List<SourceMessage> sources) {
        Map<String, Long> known = new HashMap<>();
        try {
            if (postgres) {
                try (PreparedStatement s = connection.prepareStatement(TicketSql.KEYS_BY_SOURCE_POSTGRES)) {
                    s.setArray(1, array("text", sources.stream().map(SourceMessage::workspace).toList()));
                    s.setArray(2, array("text", sources.stream().map(SourceMessage::channel).toList()));
                    s.setArray(3, array("text", sources.stream().map(SourceMessage::ts).toList()));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            known.put(rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getString(4), rs.getLong(1));
                        }
                    }
                }
                return known;
            }
            keyBySource = prepared(keyBySource, TicketSql.KEY_BY_SOURCE);
            for (SourceMessage source : sources) {
                keyBySource.setString(1, source.workspace());
                keyBySource.setString(2, source.channel());
                keyBySource.setString(3, source.ts());
                try (ResultSet rs = keyBySource.executeQuery()) {
                    if (rs.next()) {
                        known.put(key(source), rs.getLong(1));
                    }
                }
            }
            return known;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * Inserts the tickets; those inserted, by their message's {@link #key}. A message that is a ticket already (another
     * writer's, or twice in the list) is absent, or inserted once.
     */
    Map<String, Ticket> insertTickets(List<NewTicket> tickets) {
        Map<String, Ticket> inserted = new HashMap<>();
        try {
            if (postgres) {
                try (PreparedStatement s = connection.prepareStatement(TicketSql.INSERT_TICKETS_POSTGRES)) {
                    List<List<Object>> rows = tickets.stream().map(IntakeWrites::values).toList();
                    for (int column = 0; column < NEW_TICKET_TYPES.length; column++) {
                        int c = column;
                        s.setArray(c + 1, array(NEW_TICKET_TYPES[c], rows.stream().map(row -> row.get(c)).toList()));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            Ticket ticket = TICKETS.map(rs, null);
                            inserted.put(key(ticket.source()), ticket);
                        }
                    }
                }
                return inserted;
            }
            insertTicket = prepared(insertTicket, TicketSql.INSERT_TICKET);
            for (NewTicket t : tickets) {
                List<Object> values = values(t);
                for (int column = 0; column < values.size(); column++) {
                    insertTicket.setObject(column + 1, values.get(column));
                }
                // card_due_at: the card is due at once.
                insertTicket.setLong(values.size() + 1, t.createdAt());
                try (ResultSet rs = insertTicket.executeQuery()) {
                    if (rs.next()) {
                        inserted.put(key(t.source()), TICKETS.map(rs, null));
                    }
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A new ticket's values in the order of {@link TicketSql#NEW_TICKET_COLUMNS}. */
    private static List<Object> values(NewTicket t) {
        return java.util.Arrays.asList(t.source().workspace(), t.number(), t.reference(), t.source().channel(),
                t.source().ts(), t.source().threadTs(), t.reporter(), t.text(), t.openedVia(), t.openedBy(),
                t.createdAt(), t.state());
    }

    /** Appends the lines, in one batch (one round trip to a server). */
    void appendEvents(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = connection.prepareStatement(TicketSql.INSERT_EVENT)) {
            for (Event e : events) {
                s.setLong(1, e.ticketId());
                s.setLong(2, e.at());
                s.setString(3, e.kind());
                text(s, 4, e.actor());
                text(s, 5, e.detail());
                s.addBatch();
            }
            s.executeBatch();
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

    private Array array(String type, List<?> values) throws SQLException {
        return connection.createArrayOf(type, values.toArray());
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
        for (PreparedStatement s : new PreparedStatement[] {rememberDelivery, keyBySource, insertTicket}) {
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
