package app.pompier.store;

import app.pompier.qualification.DowngradeProposal;
import app.pompier.qualification.DowngradeProposals;
import app.pompier.ticket.Priority;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Optional;

/** {@link DowngradeProposals} in the SQL database; one open proposal per ticket, by a partial unique index. */
public final class DowngradeProposalsDatabaseRepository implements DowngradeProposals {
    private static final String COLUMNS = """
            SELECT id, ticket_id, from_priority, to_priority, reason, proposed_by, proposed_at, answer, reminded_at
              FROM downgrade_proposal
            """;
    private static final RowMapper<DowngradeProposal> ROW = (rs, ctx) -> new DowngradeProposal(rs.getLong("id"),
            rs.getLong("ticket_id"), Priority.valueOf(rs.getString("from_priority")),
            Priority.valueOf(rs.getString("to_priority")), rs.getString("reason"), rs.getString("proposed_by"),
            Instant.ofEpochMilli(rs.getLong("proposed_at")), rs.getString("answer"),
            TicketRowMapper.instant(rs, "reminded_at"));

    private final Jdbi jdbi;

    public DowngradeProposalsDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<DowngradeProposal> propose(long ticketKey, Priority from, Priority to, String reason, String by,
                                               Instant now) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO downgrade_proposal (ticket_id, from_priority, to_priority, reason, proposed_by,
                                                    proposed_at)
                    SELECT :ticketId, :from, :to, :reason, :by, :now
                     WHERE NOT EXISTS (SELECT 1 FROM downgrade_proposal WHERE ticket_id = :ticketId AND answer IS NULL)
                    ON CONFLICT (ticket_id) WHERE answer IS NULL DO NOTHING
                    """).bind("ticketId", ticketKey).bind("from", from.name()).bind("to", to.name())
                    .bind("reason", reason).bind("by", by).bind("now", now.toEpochMilli()).execute();
            if (inserted == 0) {
                return Optional.<DowngradeProposal>empty();
            }
            h.createUpdate("""
                    INSERT INTO ticket_event (ticket_id, at, kind, actor, detail)
                    VALUES (:ticketId, :now, 'downgrade_proposed', :by, :detail)
                    """).bind("ticketId", ticketKey).bind("now", now.toEpochMilli()).bind("by", by)
                    .bind("detail", from + " -> " + to + "; " + reason).execute();
            return h.createQuery(COLUMNS + " WHERE ticket_id = :ticketId AND answer IS NULL")
                    .bind("ticketId", ticketKey).map(ROW).findOne();
        });
    }

    @Override
    public Optional<DowngradeProposal> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery(COLUMNS + " WHERE id = :id").bind("id", id).map(ROW).findOne());
    }


    @Override
    public boolean answer(long id, boolean accepted, Instant now) {
        return jdbi.inTransaction(h -> {
            int answered = h.createUpdate("""
                    UPDATE downgrade_proposal SET answer = :answer, answered_at = :now WHERE id = :id AND answer IS NULL
                    """).bind("answer", accepted ? "accepted" : "refused").bind("now", now.toEpochMilli())
                    .bind("id", id).execute();
            if (answered == 1) {
                h.createUpdate("""
                        INSERT INTO ticket_event (ticket_id, at, kind, actor, detail)
                        SELECT ticket_id, :now, :kind, NULL, from_priority || ' -> ' || to_priority
                          FROM downgrade_proposal WHERE id = :id
                        """).bind("now", now.toEpochMilli()).bind("id", id)
                        .bind("kind", accepted ? "downgrade_accepted" : "downgrade_refused").execute();
            }
            return answered == 1;
        });
    }

    @Override
    public boolean reminded(long id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE downgrade_proposal SET reminded_at = :now WHERE id = :id AND answer IS NULL AND reminded_at IS NULL
                """).bind("now", now.toEpochMilli()).bind("id", id).execute()) == 1;
    }
}
