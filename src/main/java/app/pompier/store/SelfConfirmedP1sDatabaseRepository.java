package app.pompier.store;

import app.pompier.qualification.SelfConfirmedP1s;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;

/** {@link SelfConfirmedP1s} in the SQL database: one row per ticket counted, one turn row per reporter. */
public final class SelfConfirmedP1sDatabaseRepository implements SelfConfirmedP1s {
    private final Jdbi jdbi;

    public SelfConfirmedP1sDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Counting count(String reporter, long ticketKey, Instant at, Instant since, int limit) {
        return jdbi.inTransaction(h -> {
            // Written first: the row's lock holds a second transaction for this reporter until this one ends.
            h.createUpdate("""
                    INSERT INTO self_confirmed_p1_turn (reporter, counted_at) VALUES (:reporter, :at)
                    ON CONFLICT (reporter) DO UPDATE SET counted_at = excluded.counted_at
                    """).bind("reporter", reporter).bind("at", at.toEpochMilli()).execute();
            boolean counted = h.createQuery("SELECT COUNT(*) FROM self_confirmed_p1 WHERE ticket_id = :ticket")
                    .bind("ticket", ticketKey).mapTo(Long.class).one() > 0;
            if (counted) {
                return new Counting.AlreadyCounted();
            }
            int confirmed = h.createQuery("""
                    SELECT COUNT(*) FROM self_confirmed_p1 WHERE reporter = :reporter AND confirmed_at > :since
                    """).bind("reporter", reporter).bind("since", since.toEpochMilli()).mapTo(Integer.class).one();
            if (confirmed >= limit) {
                return new Counting.OverLimit(confirmed);
            }
            h.createUpdate("""
                    INSERT INTO self_confirmed_p1 (ticket_id, reporter, confirmed_at) VALUES (:ticket, :reporter, :at)
                    """).bind("ticket", ticketKey).bind("reporter", reporter).bind("at", at.toEpochMilli()).execute();
            return new Counting.Counted();
        });
    }

    @Override
    public void forget(long ticketKey) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM self_confirmed_p1 WHERE ticket_id = :ticket")
                .bind("ticket", ticketKey).execute());
    }
}
