package app.pompier.store;

import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisCells;
import app.pompier.crisis.CrisisStep;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CrisisCells} in the SQL database. */
public final class CrisisCellsDatabaseRepository implements CrisisCells {
    private final Jdbi jdbi;

    public CrisisCellsDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean request(long ticketKey, String commander, Instant now) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.request(ticketKey, commander, now.toEpochMilli())) == 1;
    }

    @Override
    public Optional<CrisisCell> byId(long cellId) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.byId(cellId).map(row -> cell(sql, row)));
    }

    @Override
    public Optional<CrisisCell> ofTicket(long ticketKey) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.ofTicket(ticketKey).map(row -> cell(sql, row)));
    }

    private static CrisisCell cell(CrisisSql sql, CrisisRows.Cell row) {
        Map<CrisisStep, CrisisCell.Step> steps = new EnumMap<>(CrisisStep.class);
        sql.steps(row.id()).forEach(step -> steps.put(step.step(), step));
        return new CrisisCell(row.id(), row.ticketId(), row.state(), row.channelId(), row.channelName(),
                row.commander(), row.summaryTs(), row.requestedAt(), row.lastStatusAt(), steps);
    }

    @Override
    public List<Opening> opening(int limit) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.opening(limit));
    }

    @Override
    public List<Long> confirmedP1sWithoutCell(int limit) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.confirmedP1sWithoutCell(limit));
    }

    @Override
    public void channelCreated(long cellId, String channelId, String channelName, Instant now) {
        jdbi.useTransaction(h -> {
            CrisisSql sql = h.attach(CrisisSql.class);
            sql.channelCreated(cellId, channelId, channelName);
            sql.step(cellId, CrisisStep.CREATE_CHANNEL.code(), 1, "#" + channelName, now.toEpochMilli());
        });
    }

    @Override
    public void summaryPosted(long cellId, String ts, Instant now) {
        jdbi.useTransaction(h -> {
            CrisisSql sql = h.attach(CrisisSql.class);
            sql.summaryPosted(cellId, ts);
            sql.step(cellId, CrisisStep.SUMMARY.code(), 1, ts, now.toEpochMilli());
        });
    }

    @Override
    public void stepDone(long cellId, CrisisStep step, String detail, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.step(cellId, step.code(), 1, detail, now.toEpochMilli()));
    }

    @Override
    public void stepFailed(long cellId, CrisisStep step, String reason, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.step(cellId, step.code(), 0, reason, now.toEpochMilli()));
    }

    @Override
    public void retryLater(long cellId, Instant at, String reason) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.retryLater(cellId, at.toEpochMilli(), reason));
    }

    @Override
    public void opened(long cellId, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.state(cellId, "open", now.toEpochMilli()));
    }

    @Override
    public void failed(long cellId, String reason, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.failed(cellId, reason));
    }

    @Override
    public void statusPosted(long cellId, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.statusPosted(cellId, now.toEpochMilli()));
    }

    @Override
    public boolean askForStatus(long cellId, Instant now, Instant notSince) {
        return jdbi.withExtension(CrisisSql.class, sql -> sql.askForStatus(cellId, now.toEpochMilli(),
                notSince.toEpochMilli())) > 0;
    }

    @Override
    public void statusNotAsked(long cellId, Instant at) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.statusNotAsked(cellId, at.toEpochMilli()));
    }

    @Override
    public void commander(long cellId, String user) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.commander(cellId, user));
    }

    @Override
    public void archived(long cellId, Instant now) {
        jdbi.useExtension(CrisisSql.class, sql -> sql.archived(cellId, now.toEpochMilli()));
    }
}
