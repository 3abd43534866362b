package app.pompier.store;

import app.pompier.sla.GoalClock;
import app.pompier.sla.Pause;
import app.pompier.sla.SlaClocks;
import app.pompier.sla.SlaGoal;
import app.pompier.ticket.Priority;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** SLA rows to the domain's records. */
final class SlaRowMappers {
    private SlaRowMappers() {
    }

    public static final class GoalClockMapper implements RowMapper<GoalClock> {
        @Override
        public GoalClock map(ResultSet rs, StatementContext ctx) throws SQLException {
            Long budget = nullableLong(rs, "budget_ms");
            Integer met = nullableInt(rs, "met");
            return new GoalClock(SlaGoal.fromCode(rs.getString("goal")), Priority.valueOf(rs.getString("priority")),
                    budget == null ? null : Duration.ofMillis(budget), TicketRowMapper.instant(rs, "due_at"),
                    TicketRowMapper.instant(rs, "done_at"), met == null ? null : met == 1,
                    nullableInt(rs, "pending_threshold"), nullableInt(rs, "last_posted"));
        }
    }

    public static final class PauseMapper implements RowMapper<Pause> {
        @Override
        public Pause map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Pause(Instant.ofEpochMilli(rs.getLong("started_at")), TicketRowMapper.instant(rs, "ended_at"));
        }
    }

    public static final class DueMapper implements RowMapper<SlaClocks.Due> {
        @Override
        public SlaClocks.Due map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SlaClocks.Due(rs.getLong("ticket_id"), SlaGoal.fromCode(rs.getString("goal")),
                    Priority.valueOf(rs.getString("priority")), Instant.ofEpochMilli(rs.getLong("due_at")));
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
