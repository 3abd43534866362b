package app.pompier.store;

import app.pompier.qualification.Answers;
import app.pompier.qualification.Impact;
import app.pompier.qualification.Reach;
import app.pompier.qualification.Reproducibility;
import app.pompier.ticket.Priority;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** A qualification row to the domain's {@link Answers}. */
public final class AnswersRowMapper implements RowMapper<Answers> {
    @Override
    public Answers map(ResultSet rs, StatementContext ctx) throws SQLException {
        String screenshots = rs.getString("screenshots");
        String claimed = rs.getString("claimed_priority");
        return new Answers(rs.getString("steps"), rs.getString("location"), rs.getString("error_message"),
                screenshots.isEmpty() ? List.of() : Arrays.asList(screenshots.split(",")),
                rs.getString("environment"), Reach.fromCode(rs.getString("reach")),
                Impact.fromCode(rs.getString("impact")), Reproducibility.fromCode(rs.getString("reproducibility")),
                rs.getString("workaround"), claimed == null ? null : Priority.valueOf(claimed));
    }
}
