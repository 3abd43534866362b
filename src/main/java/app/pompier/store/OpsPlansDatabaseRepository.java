package app.pompier.store;

import app.pompier.ops.BusinessOperation;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsPlans;
import app.pompier.ops.Recurrence;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/** {@link OpsPlans} in the SQL database. Starts are stored as the team's local date-time. */
public final class OpsPlansDatabaseRepository implements OpsPlans {
    private final Jdbi jdbi;

    public OpsPlansDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public MaintenanceWindow addWindow(MaintenanceWindow w, Instant now) {
        long id = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO maintenance_window (component, start_local, length_ms, recurrence, unavailable, owner,
                                                created_at)
                VALUES (:component, :start, :length, :recurrence, :unavailable, :owner, :now) RETURNING id
                """).bind("component", w.component()).bind("start", w.start().toString())
                .bind("length", w.length().toMillis()).bind("recurrence", w.recurrence().code())
                .bind("unavailable", w.unavailable()).bind("owner", w.owner()).bind("now", now.toEpochMilli())
                .mapTo(Long.class).one());
        return new MaintenanceWindow(id, w.component(), w.start(), w.length(), w.recurrence(), w.unavailable(), w.owner());
    }

    @Override
    public BusinessOperation addOperation(BusinessOperation o, Instant now) {
        long id = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO business_operation (name, start_local, length_ms, components, tail_ms, recurrence, owner,
                                                created_at)
                VALUES (:name, :start, :length, :components, :tail, :recurrence, :owner, :now) RETURNING id
                """).bind("name", o.name()).bind("start", o.start().toString()).bind("length", o.length().toMillis())
                .bind("components", String.join(",", o.components())).bind("tail", o.tail().toMillis())
                .bind("recurrence", o.recurrence().code()).bind("owner", o.owner()).bind("now", now.toEpochMilli())
                .mapTo(Long.class).one());
        return new BusinessOperation(id, o.name(), o.start(), o.length(), o.components(), o.tail(), o.recurrence(),
                o.owner());
    }

    @Override
    public List<MaintenanceWindow> windows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM maintenance_window ORDER BY id").map((rs, ctx) -> {
            LocalDateTime start = LocalDateTime.parse(rs.getString("start_local"));
            return new MaintenanceWindow(rs.getLong("id"), rs.getString("component"), start,
                    Duration.ofMillis(rs.getLong("length_ms")), parse(rs.getString("recurrence"), start),
                    rs.getString("unavailable"), rs.getString("owner"));
        }).list());
    }

    @Override
    public List<BusinessOperation> operations() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM business_operation ORDER BY id").map((rs, ctx) -> {
            LocalDateTime start = LocalDateTime.parse(rs.getString("start_local"));
            return new BusinessOperation(rs.getLong("id"), rs.getString("name"), start,
                    Duration.ofMillis(rs.getLong("length_ms")), Arrays.asList(rs.getString("components").split(",")),
                    Duration.ofMillis(rs.getLong("tail_ms")), parse(rs.getString("recurrence"), start),
                    rs.getString("owner"));
        }).list());
    }

    private static Recurrence parse(String code, LocalDateTime start) {
        return Recurrence.parse(code, start);
    }

    @Override
    public boolean announceOnce(String collisionKey, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO ops_announcement (collision, at) VALUES (:key, :now) ON CONFLICT (collision) DO NOTHING
                """).bind("key", collisionKey).bind("now", now.toEpochMilli()).execute()) == 1;
    }

    @Override
    public void hit(long windowId, Occurrence occurrence, long ticketKey) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO ops_hit (window_id, occurrence_start, occurrence_end, ticket_id)
                VALUES (:window, :start, :end, :ticket) ON CONFLICT DO NOTHING
                """).bind("window", windowId).bind("start", occurrence.start().toEpochMilli())
                .bind("end", occurrence.end().toEpochMilli()).bind("ticket", ticketKey).execute());
    }

    @Override
    public List<Hits> hitsToReport(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT window_id, occurrence_start, occurrence_end, COUNT(*) AS tickets FROM ops_hit
                 WHERE reported = 0 AND occurrence_end <= :now
                 GROUP BY window_id, occurrence_start, occurrence_end
                """).bind("now", now.toEpochMilli()).map((rs, ctx) -> new Hits(rs.getLong("window_id"),
                Instant.ofEpochMilli(rs.getLong("occurrence_start")), Instant.ofEpochMilli(rs.getLong("occurrence_end")),
                rs.getLong("tickets"))).list());
    }

    @Override
    public void reported(long windowId, Instant occurrenceStart) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE ops_hit SET reported = 1 WHERE window_id = :window AND occurrence_start = :start
                """).bind("window", windowId).bind("start", occurrenceStart.toEpochMilli()).execute());
    }
}
