package app.pompier.store;

import app.pompier.qualification.Answers;
import app.pompier.qualification.Qualification;
import app.pompier.qualification.Qualifications;
import app.pompier.ticket.Priority;
import app.pompier.ticket.TimelineEntry;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** {@link Qualifications} in the SQL database: answers, ticket changes, waits and timeline in one transaction. */
public final class QualificationsDatabaseRepository implements Qualifications {
    private final Jdbi jdbi;

    public QualificationsDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Recording record(Qualification q) {
        return jdbi.inTransaction(handle -> {
            QualificationSql sql = handle.attach(QualificationSql.class);
            TicketSql tickets = handle.attach(TicketSql.class);
            if (q.submissionId() != null) {
                Optional<Long> already = sql.ticketOfSubmission(q.submissionId());
                if (already.isPresent()) {
                    return new Recording.AlreadyRecorded(tickets.byKey(already.get()).orElseThrow());
                }
            }
            int applied = sql.applyToTicket(q.ticketKey(), q.expectedRevision(), q.toState().code(),
                    q.effective().name(), name(q.answers().claimed()), q.decision().priority().name(),
                    q.confirmed() ? 1 : 0, q.decision().reason(),
                    q.slaStartedAt() == null ? null : q.slaStartedAt().toEpochMilli());
            if (applied == 0) {
                // The same submission, recorded meanwhile by another replica (its update was waited for): the same
                // answer as a retry that came later.
                Optional<Long> recorded = q.submissionId() == null ? Optional.empty()
                        : sql.ticketOfSubmission(q.submissionId());
                if (recorded.isPresent()) {
                    return new Recording.AlreadyRecorded(tickets.byKey(recorded.get()).orElseThrow());
                }
                return new Recording.Stale(tickets.byKey(q.ticketKey()).orElseThrow());
            }
            Answers a = q.answers();
            long at = q.at().toEpochMilli();
            sql.insert(q.ticketKey(), q.expectedRevision() + 1, q.submissionId(), q.by(), at, a.steps(), a.location(),
                    a.errorMessage(), String.join(",", a.screenshots()), a.environment(), a.reach().code(),
                    a.impact().code(), a.reproducibility().code(), a.workaround(), name(a.claimed()),
                    q.decision().priority().name(), q.decision().reason());
            TicketsDatabaseRepository.persist(tickets, q.ticketKey(), q.reporterWait(), q.at());
            for (TimelineEntry e : q.timeline()) {
                tickets.appendEvent(q.ticketKey(), e.at().toEpochMilli(), e.kind(), e.actor(), e.detail());
            }
            return new Recording.Recorded(tickets.byKey(q.ticketKey()).orElseThrow());
        });
    }

    @Override
    public Optional<Answers> latest(long ticketKey) {
        return jdbi.withExtension(QualificationSql.class, sql -> sql.latest(ticketKey));
    }

    private static String name(Priority p) {
        return p == null ? null : p.name();
    }
}
