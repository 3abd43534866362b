package app.pompier.store;

import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisCells;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Every SQL statement on crisis cells and their opening steps. */
@RegisterRowMapper(CrisisRows.CellMapper.class)
@RegisterRowMapper(CrisisRows.StepMapper.class)
interface CrisisSql {
    String CELL_COLUMNS = """
            SELECT id, ticket_id, state, channel_id, channel_name, commander, summary_ts, requested_at,
                   last_status_at
              FROM crisis_cell
            """;

    @SqlUpdate("""
            INSERT INTO crisis_cell (ticket_id, state, commander, requested_at, next_try_at)
            VALUES (:ticketId, 'opening', :commander, :now, :now)
            ON CONFLICT (ticket_id) DO NOTHING
            """)
    int request(@Bind("ticketId") long ticketId, @Bind("commander") String commander, @Bind("now") long now);

    @SqlQuery(CELL_COLUMNS + " WHERE id = :id")
    Optional<CrisisRows.Cell> byId(@Bind("id") long id);

    @SqlQuery(CELL_COLUMNS + " WHERE ticket_id = :ticketId")
    Optional<CrisisRows.Cell> ofTicket(@Bind("ticketId") long ticketId);

    @SqlQuery("SELECT step, done, detail FROM crisis_step WHERE cell_id = :cellId")
    List<CrisisCell.Step> steps(@Bind("cellId") long cellId);

    /** In order of arrival: when the report became complete, then the ticket's number. */
    @SqlQuery("""
            SELECT c.id, c.next_try_at FROM crisis_cell c JOIN ticket t ON t.id = c.ticket_id
             WHERE c.state = 'opening'
             ORDER BY COALESCE(t.sla_started_at, t.created_at), t.number
             LIMIT :limit
            """)
    @RegisterRowMapper(CrisisRows.OpeningMapper.class)
    List<CrisisCells.Opening> opening(@Bind("limit") int limit);

    @SqlQuery("""
            SELECT t.id FROM ticket t
             WHERE t.priority = 'P1' AND t.priority_confirmed = 1 AND t.state NOT IN ('resolved', 'closed')
               AND NOT EXISTS (SELECT 1 FROM crisis_cell c WHERE c.ticket_id = t.id)
             ORDER BY t.id LIMIT :limit
            """)
    List<Long> confirmedP1sWithoutCell(@Bind("limit") int limit);

    @SqlUpdate("UPDATE crisis_cell SET channel_id = :channelId, channel_name = :name WHERE id = :id")
    void channelCreated(@Bind("id") long id, @Bind("channelId") String channelId, @Bind("name") String name);

    @SqlUpdate("UPDATE crisis_cell SET summary_ts = :ts WHERE id = :id")
    void summaryPosted(@Bind("id") long id, @Bind("ts") String ts);

    @SqlUpdate("""
            INSERT INTO crisis_step (cell_id, step, done, detail, at) VALUES (:cellId, :step, :done, :detail, :at)
            ON CONFLICT (cell_id, step) DO UPDATE SET done = excluded.done, detail = excluded.detail, at = excluded.at
            """)
    void step(@Bind("cellId") long cellId, @Bind("step") String step, @Bind("done") int done,
              @Bind("detail") String detail, @Bind("at") long at);

    @SqlUpdate("UPDATE crisis_cell SET next_try_at = :at, last_error = :reason WHERE id = :id")
    void retryLater(@Bind("id") long id, @Bind("at") long at, @Bind("reason") String reason);

    @SqlUpdate("UPDATE crisis_cell SET state = :state, opened_at = :now, last_status_at = :now WHERE id = :id")
    void state(@Bind("id") long id, @Bind("state") String state, @Bind("now") long now);

    @SqlUpdate("UPDATE crisis_cell SET state = 'failed', last_error = :reason WHERE id = :id")
    void failed(@Bind("id") long id, @Bind("reason") String reason);

    @SqlUpdate("UPDATE crisis_cell SET last_status_at = :now WHERE id = :id")
    void statusPosted(@Bind("id") long id, @Bind("now") long now);

    @SqlUpdate("""
            UPDATE crisis_cell SET status_asked_at = :now
             WHERE id = :id AND (status_asked_at IS NULL OR status_asked_at < :notSince)
            """)
    int askForStatus(@Bind("id") long id, @Bind("now") long now, @Bind("notSince") long notSince);

    @SqlUpdate("UPDATE crisis_cell SET status_asked_at = NULL WHERE id = :id AND status_asked_at = :at")
    void statusNotAsked(@Bind("id") long id, @Bind("at") long at);

    @SqlUpdate("UPDATE crisis_cell SET commander = :user WHERE id = :id")
    void commander(@Bind("id") long id, @Bind("user") String user);

    @SqlUpdate("UPDATE crisis_cell SET state = 'archived', archived_at = :now WHERE id = :id")
    void archived(@Bind("id") long id, @Bind("now") long now);
}
