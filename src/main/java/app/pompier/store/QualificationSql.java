package app.pompier.store;

import app.pompier.qualification.Answers;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.Optional;

/** Every SQL statement on qualifications. */
@RegisterRowMapper(AnswersRowMapper.class)
interface QualificationSql {

    @SqlQuery("SELECT ticket_id FROM qualification WHERE submission_id = :submissionId")
    Optional<Long> ticketOfSubmission(@Bind("submissionId") String submissionId);

    @SqlUpdate("""
            UPDATE ticket SET state = :state, priority = :priority, claimed_priority = :claimed,
                              qualified_priority = :qualified, priority_confirmed = :confirmed,
                              priority_reason = :reason, qualification_revision = qualification_revision + 1,
                              sla_started_at = :slaStartedAt,
                              sla_dirty = 1
             WHERE id = :key AND qualification_revision = :expectedRevision
            """)
    int applyToTicket(@Bind("key") long key, @Bind("expectedRevision") int expectedRevision,
                      @Bind("state") String state, @Bind("priority") String priority, @Bind("claimed") String claimed,
                      @Bind("qualified") String qualified, @Bind("confirmed") int confirmed,
                      @Bind("reason") String reason, @Bind("slaStartedAt") Long slaStartedAt);

    @SqlUpdate("""
            INSERT INTO qualification (ticket_id, revision, submission_id, submitted_by, submitted_at, steps,
                                       location, error_message, screenshots, environment, reach, impact,
                                       reproducibility, workaround, claimed_priority, qualified_priority, reason)
            VALUES (:ticketId, :revision, :submissionId, :by, :at, :steps, :location, :errorMessage, :screenshots,
                    :environment, :reach, :impact, :reproducibility, :workaround, :claimed, :qualified, :reason)
            """)
    void insert(@Bind("ticketId") long ticketId, @Bind("revision") int revision,
                @Bind("submissionId") String submissionId, @Bind("by") String by, @Bind("at") long at,
                @Bind("steps") String steps, @Bind("location") String location,
                @Bind("errorMessage") String errorMessage, @Bind("screenshots") String screenshots,
                @Bind("environment") String environment, @Bind("reach") String reach, @Bind("impact") String impact,
                @Bind("reproducibility") String reproducibility, @Bind("workaround") String workaround,
                @Bind("claimed") String claimed, @Bind("qualified") String qualified, @Bind("reason") String reason);

    @SqlQuery("""
            SELECT steps, location, error_message, screenshots, environment, reach, impact, reproducibility,
                   workaround, claimed_priority
              FROM qualification WHERE ticket_id = :ticketId ORDER BY revision DESC LIMIT 1
            """)
    Optional<Answers> latest(@Bind("ticketId") long ticketId);
}
