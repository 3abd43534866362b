package app.pompier.store;

import app.pompier.outage.OutageBoards;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link OutageBoards} in the database. */
public final class OutageBoardsDatabaseRepository implements OutageBoards {
    private final Jdbi jdbi;
    private final String owner;

    /** @param owner the replica whose leases these are (see {@code POMPIER_INSTANCE}) */
    public OutageBoardsDatabaseRepository(Jdbi jdbi, String owner) {
        this.jdbi = jdbi;
        this.owner = owner;
    }

    @Override
    public void owe(long incident, String channel, Instant now, Duration every) {
        jdbi.useExtension(OutageBoardSql.class, sql -> sql.owe(incident, channel, now.toEpochMilli(),
                every.toMillis()));
    }

    @Override
    public List<String> channelsOf(long incident) {
        return jdbi.withExtension(OutageBoardSql.class, sql -> sql.channelsOf(incident));
    }

    @Override
    public List<Board> due(Instant now, int limit) {
        return jdbi.withExtension(OutageBoardSql.class, sql -> sql.due(now.toEpochMilli(), limit));
    }

    @Override
    public Optional<Instant> nextDue() {
        return jdbi.withExtension(OutageBoardSql.class, OutageBoardSql::nextDue).map(Instant::ofEpochMilli);
    }

    @Override
    public Optional<Drawing> claim(long incident, String channel, Instant now, Instant leaseUntil) {
        return jdbi.withExtension(OutageBoardSql.class, sql -> sql.claim(incident, channel, now.toEpochMilli(),
                leaseUntil.toEpochMilli(), owner));
    }

    @Override
    public boolean drawn(long incident, String channel, int version, String ts, Instant now, Duration every) {
        return jdbi.withExtension(OutageBoardSql.class, sql -> sql.drawn(incident, channel, version, ts,
                now.toEpochMilli(), every.toMillis(), owner)) == 1;
    }

    @Override
    public void failed(long incident, String channel, Instant retryAt) {
        jdbi.useExtension(OutageBoardSql.class, sql -> sql.failed(incident, channel, retryAt.toEpochMilli(), owner));
    }

    @Override
    public void lost(long incident, String channel, Instant retryAt) {
        jdbi.useExtension(OutageBoardSql.class, sql -> sql.lost(incident, channel, retryAt.toEpochMilli(), owner));
    }

    @Override
    public Linked linked(long incident, String channel, int limit) {
        return jdbi.withExtension(OutageBoardSql.class, sql -> new Linked(sql.linkedReporters(incident, channel,
                limit), sql.linkedReports(incident, channel)));
    }
}
