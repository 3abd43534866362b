package app.pompier.store;

import app.pompier.ticket.Ticket;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Every SQL statement on tickets, their timeline and Slack deliveries. Portable: SQLite and PostgreSQL. */
@RegisterRowMapper(TicketRowMapper.class)
@RegisterRowMapper(TimelineRowMapper.class)
interface TicketSql {

    /** What {@link TicketRowMapper} reads, for SELECTs and for the RETURNING of writes. */
    String TICKET_FIELDS = """
            id, workspace, number, reference, channel, message_ts, thread_ts, permalink, reporter,
                   report_text, opened_via, opened_by, created_at, state, priority, card_ts,
                   claimed_priority, qualified_priority, priority_confirmed, priority_reason, qualification_revision,
                   assignee, taken_at, sla_started_at, resolved_at, category, related_to, grouped_at,
                   related_reply_ts
            """;

    String TICKET_COLUMNS = "SELECT " + TICKET_FIELDS + " FROM ticket ";

    // Intake's statements, run as plain JDBC by IntakeWrites: at a thousand events a second, JDBI's per-statement
    // set-up (a copy of its configuration, mappers looked up again) cost more than the statements themselves.

    /** A Slack delivery id, once: 0 rows when Slack delivered it before. */
    String REMEMBER_DELIVERY = """
            INSERT INTO slack_delivery (event_id, received_at) VALUES (?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    /** Takes a number of numbers (the 2nd and 3rd parameters) of a workspace's sequence at once; the last of them. */
    String NEXT_NUMBERS = """
            INSERT INTO ticket_sequence (workspace, last_number) VALUES (?, ?)
            ON CONFLICT (workspace) DO UPDATE SET last_number = ticket_sequence.last_number + ?
            RETURNING last_number
            """;

    /** Whether a message is a ticket already: an index lookup, without reading the row. */
    String KEY_BY_SOURCE = "SELECT id FROM ticket WHERE workspace = ? AND channel = ? AND message_ts = ?";

    /**
     * What intake writes of a new ticket, in the order of its parameters ({@code IntakeWrites.values}); its created_at
     * is its card's due time too.
     */
    String NEW_TICKET_COLUMNS = "workspace, number, reference, channel, message_ts, thread_ts, reporter, report_text,"
            + " opened_via, opened_by, created_at, state";

    /** A new ticket; no row when its message is a ticket already. */
    String INSERT_TICKET = "INSERT INTO ticket (" + NEW_TICKET_COLUMNS + ", card_due_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (workspace, channel, message_ts) DO NOTHING RETURNING " + TICKET_FIELDS;

    /** PostgreSQL: the group's delivery ids and arrival times as two arrays, in one statement; the ids that are new. */
    String REMEMBER_DELIVERIES_POSTGRES = """
            INSERT INTO slack_delivery (event_id, received_at)
            SELECT event_id, received_at FROM unnest(?::text[], ?::bigint[]) AS d(event_id, received_at)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id
            """;

    /** PostgreSQL: which of the group's messages (three arrays) are tickets already, in one statement. */
    String KEYS_BY_SOURCE_POSTGRES = """
            SELECT t.id, t.workspace, t.channel, t.message_ts
              FROM unnest(?::text[], ?::text[], ?::text[]) AS m(workspace, channel, message_ts)
              JOIN ticket t ON t.workspace = m.workspace AND t.channel = m.channel AND t.message_ts = m.message_ts
            """;

    /** PostgreSQL: INSERT_TICKET for the whole group, each column an array. */
    String INSERT_TICKETS_POSTGRES = "INSERT INTO ticket (" + NEW_TICKET_COLUMNS + ", card_due_at)"
            + " SELECT " + NEW_TICKET_COLUMNS + ", created_at"
            + " FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::bigint[], ?::text[]) AS n(" + NEW_TICKET_COLUMNS + ")"
            + " ON CONFLICT (workspace, channel, message_ts) DO NOTHING RETURNING " + TICKET_FIELDS;

    String INSERT_EVENT = "INSERT INTO ticket_event (ticket_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)";

    @SqlUpdate("DELETE FROM slack_delivery WHERE received_at < :before")
    int forgetDeliveriesBefore(@Bind("before") long before);

    @SqlQuery(TICKET_COLUMNS + " WHERE id = :key")
    Optional<Ticket> byKey(@Bind("key") long key);

    @SqlQuery(TICKET_COLUMNS + " WHERE workspace = :workspace AND number = :number")
    Optional<Ticket> byNumber(@Bind("workspace") String workspace, @Bind("number") long number);

    @SqlQuery(TICKET_COLUMNS + " WHERE workspace = :workspace AND channel = :channel AND message_ts = :ts")
    Optional<Ticket> bySource(@Bind("workspace") String workspace, @Bind("channel") String channel,
                              @Bind("ts") String ts);

    /** Its parameters are bound by position, in INSERT_EVENT's order. */
    @SqlUpdate(INSERT_EVENT)
    void appendEvent(long ticketId, long at, String kind, String actor, String detail);

    @SqlQuery("SELECT at, kind, actor, detail FROM ticket_event WHERE ticket_id = :ticketId ORDER BY at, id")
    List<TimelineEntry> timeline(@Bind("ticketId") long ticketId);

    /**
     * Due cards, and those a dead replica was posting (two index ranges rather than an OR), each range cut at the limit
     * before they are merged: merged whole, a backlog of 60,000 cards at Slack's pace cost every sweep a sort of all of
     * them (60 ms, growing with the backlog).
     */
    @SqlQuery("""
            SELECT id, channel FROM (
                SELECT id, channel, card_due_at FROM (
                    SELECT id, channel, card_due_at FROM ticket
                     WHERE card_due_at IS NOT NULL AND card_due_at <= :now
                     ORDER BY card_due_at, id
                     LIMIT :limit
                ) AS due_now
                UNION
                SELECT id, channel, card_due_at FROM (
                    SELECT id, channel, card_due_at FROM ticket
                     WHERE card_due_at IS NOT NULL AND card_owner IN """ + ReplicaHeartbeat.DEAD_REPLICAS + """
                     ORDER BY card_due_at, id
                     LIMIT :limit
                ) AS held_by_the_dead
            ) AS due
             ORDER BY card_due_at, id
             LIMIT :limit
            """)
    @RegisterRowMapper(CardDueMapper.class)
    List<Tickets.CardDue> cardsDue(@Bind("now") long now, @Bind("owner") String owner, @Bind("limit") int limit);

    /** The attempt this claim is (1 for the first); empty when the card is not due or someone holds it. */
    @SqlQuery("""
            UPDATE ticket SET card_due_at = :leaseUntil, card_attempts = card_attempts + 1, card_owner = :owner
             WHERE id = :key AND card_due_at IS NOT NULL
               AND (card_due_at <= :now OR card_owner IN """ + ReplicaHeartbeat.DEAD_REPLICAS + """
            )
            RETURNING card_attempts
            """)
    Optional<Integer> claimCard(@Bind("key") long key, @Bind("now") long now, @Bind("leaseUntil") long leaseUntil,
                                @Bind("owner") String owner);

    /** The claim a first answer is recorded under: the replica and attempt that posted it hold it still. */
    String CARD_CLAIM_HELD = " AND card_owner = :owner AND card_attempts = :attempt";

    @SqlUpdate("""
            UPDATE ticket SET reporter = COALESCE(reporter, :reporter), report_text = :text,
                              thread_ts = COALESCE(thread_ts, :threadTs)
             WHERE id = :key
            """)
    void completeSource(@Bind("key") long key, @Bind("reporter") String reporter, @Bind("text") String text,
                        @Bind("threadTs") String threadTs);

    /** A ticket linked to an incident while its card was on its way stays due: its reply follows. */
    @SqlUpdate("""
            UPDATE ticket SET card_ts = :cardTs, permalink = COALESCE(:permalink, permalink),
                              card_due_at = CASE WHEN related_to IS NULL THEN NULL ELSE :now END,
                              card_attempts = CASE WHEN related_to IS NULL THEN card_attempts ELSE 0 END,
                              card_error = NULL, card_owner = NULL
             WHERE id = :key""" + CARD_CLAIM_HELD)
    int cardPosted(@Bind("key") long key, @Bind("cardTs") String cardTs, @Bind("permalink") String permalink,
                   @Bind("now") long now, @Bind("owner") String owner, @Bind("attempt") int attempt);

    /**
     * A report made a ticket of its own while its reply was on its way stays due (its card follows), and so does
     * one linked to another incident meanwhile (the reply naming that one follows).
     */
    @SqlUpdate("""
            UPDATE ticket SET related_reply_ts = :ts,
                              card_due_at = CASE WHEN related_to IS NULL AND card_ts IS NULL THEN :now
                                                 WHEN related_to IS NOT NULL AND related_to <> :named THEN :now
                                                 ELSE NULL END,
                              card_attempts = CASE WHEN related_to IS NULL OR related_to <> :named THEN 0
                                                   ELSE card_attempts END,
                              card_error = NULL, card_owner = NULL
             WHERE id = :key""" + CARD_CLAIM_HELD)
    int relatedReplyPosted(@Bind("key") long key, @Bind("ts") String ts, @Bind("named") long named,
                           @Bind("now") long now, @Bind("owner") String owner, @Bind("attempt") int attempt);

    @SqlUpdate("""
            UPDATE ticket SET card_due_at = :at, card_owner = NULL, card_attempts = card_attempts - 1
             WHERE id = :key""" + CARD_CLAIM_HELD)
    int releaseCard(@Bind("key") long key, @Bind("at") long at, @Bind("owner") String owner,
                    @Bind("attempt") int attempt);

    @SqlUpdate("UPDATE ticket SET card_error = :error, card_due_at = :retryAt, card_owner = NULL WHERE id = :key"
            + CARD_CLAIM_HELD)
    int cardFailed(@Bind("key") long key, @Bind("error") String error, @Bind("retryAt") Long retryAt,
                   @Bind("owner") String owner, @Bind("attempt") int attempt);

    @SqlUpdate("""
            UPDATE ticket SET assignee = :assignee, taken_at = :takenAt, state = :to, sla_dirty = 1
             WHERE id = :key AND state = :from AND (:onlyIfUnassigned = 0 OR assignee IS NULL)
            """)
    int giveTo(@Bind("key") long key, @Bind("from") String from, @Bind("onlyIfUnassigned") int onlyIfUnassigned,
               @Bind("assignee") String assignee, @Bind("to") String to, @Bind("takenAt") long takenAt);

    /** A wait on the reporter begins: the SLA clock stands still until it ends. */
    @SqlUpdate("""
            INSERT INTO ticket_wait (ticket_id, reason, started_at)
            SELECT :ticketId, :reason, :at
             WHERE NOT EXISTS (SELECT 1 FROM ticket_wait WHERE ticket_id = :ticketId AND ended_at IS NULL)
            """)
    void startWait(@Bind("ticketId") long ticketId, @Bind("reason") String reason, @Bind("at") long at);

    @SqlUpdate("UPDATE ticket_wait SET ended_at = :at WHERE ticket_id = :ticketId AND ended_at IS NULL")
    void endWait(@Bind("ticketId") long ticketId, @Bind("at") long at);

    @SqlUpdate("""
            UPDATE ticket SET state = :to, sla_dirty = 1, resolved_at = COALESCE(:resolvedAt, resolved_at)
             WHERE id = :key AND state = :from
            """)
    int changeState(@Bind("key") long key, @Bind("from") String from, @Bind("to") String to,
                    @Bind("resolvedAt") Long resolvedAt);

    @SqlUpdate("""
            UPDATE ticket SET priority = :priority, priority_confirmed = :confirmed, priority_reason = :reason,
                              sla_dirty = 1
             WHERE id = :key
            """)
    int setPriority(@Bind("key") long key, @Bind("priority") String priority, @Bind("confirmed") int confirmed,
                    @Bind("reason") String reason);


    @SqlQuery(TICKET_COLUMNS + """
             WHERE workspace = :workspace AND state NOT IN ('resolved', 'closed') AND related_to IS NULL
             ORDER BY CASE WHEN priority IS NULL THEN 9 ELSE 0 END, priority,
                      COALESCE((SELECT MIN(c.due_at) FROM sla_clock c WHERE c.ticket_id = ticket.id
                                                                       AND c.done_at IS NULL), 9223372036854775807),
                      number
             LIMIT :limit
            """)
    List<Ticket> queue(@Bind("workspace") String workspace, @Bind("limit") int limit);

    @SqlUpdate("UPDATE ticket SET category = :category WHERE id = :key")
    void setCategory(@Bind("key") long key, @Bind("category") String category);


    /** This replica's live claims (its last run's), and retry waits: another replica's live claim stays. */
    @SqlUpdate("""
            UPDATE ticket SET card_due_at = :now, card_owner = NULL
             WHERE card_due_at > :now AND (card_owner = :owner OR card_owner IS NULL)
            """)
    int releaseCardClaims(@Bind("now") long now, @Bind("owner") String owner);

    final class CardDueMapper implements org.jdbi.v3.core.mapper.RowMapper<Tickets.CardDue> {
        @Override
        public Tickets.CardDue map(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            return new Tickets.CardDue(rs.getLong("id"), rs.getString("channel"));
        }
    }
}
