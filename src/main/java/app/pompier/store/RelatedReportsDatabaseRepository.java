package app.pompier.store;

import app.pompier.outage.RelatedReports;
import app.pompier.outage.ReporterNews;
import app.pompier.outage.Reporters;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TimelineEntry;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link RelatedReports} in the SQL database: each link changes the ticket and both timelines in one transaction. */
public final class RelatedReportsDatabaseRepository implements RelatedReports {
    private final Jdbi jdbi;
    private final String owner;

    /** @param owner the replica whose leases these are (see {@code POMPIER_INSTANCE}) */
    public RelatedReportsDatabaseRepository(Jdbi jdbi, String owner) {
        this.jdbi = jdbi;
        this.owner = owner;
    }

    @Override
    public List<Ticket> undecided(long after, long upTo, int limit) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.undecided(after, upTo, limit));
    }

    @Override
    public List<Ticket> candidates(String workspace, Instant since, int limit) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.candidates(workspace, since.toEpochMilli(), limit));
    }

    @Override
    public boolean decide(long key, Long incident, Instant at, TimelineEntry onReport, TimelineEntry onIncident) {
        return jdbi.inTransaction(handle -> {
            ReportSql sql = handle.attach(ReportSql.class);
            int decided = incident == null ? sql.decideOwn(key, at.toEpochMilli())
                    : sql.decideRelated(key, incident, at.toEpochMilli());
            if (decided == 0) {
                return false;
            }
            TicketSql tickets = handle.attach(TicketSql.class);
            if (onReport != null) {
                append(tickets, key, onReport);
            }
            if (incident != null && onIncident != null) {
                append(tickets, incident, onIncident);
            }
            return true;
        });
    }

    @Override
    public Optional<Ticket> link(long key, long incident, TimelineEntry onReport, TimelineEntry onIncident) {
        return jdbi.inTransaction(handle -> {
            ReportSql sql = handle.attach(ReportSql.class);
            if (sql.link(key, incident, onReport.at().toEpochMilli()) == 0) {
                return Optional.<Ticket>empty();
            }
            sql.moveReports(key, incident);
            TicketSql tickets = handle.attach(TicketSql.class);
            append(tickets, key, onReport);
            append(tickets, incident, onIncident);
            return tickets.byKey(key);
        });
    }

    @Override
    public Optional<Ticket> unlink(long key, Instant now, TimelineEntry onReport, TimelineEntry onIncident) {
        return jdbi.inTransaction(handle -> {
            TicketSql tickets = handle.attach(TicketSql.class);
            Long incident = tickets.byKey(key).map(Ticket::relatedTo).orElse(null);
            ReportSql sql = handle.attach(ReportSql.class);
            if (incident == null || sql.unlink(key, now.toEpochMilli()) == 0) {
                return Optional.<Ticket>empty();
            }
            sql.forgetNews(key);
            append(tickets, key, onReport);
            append(tickets, incident, onIncident);
            return tickets.byKey(key);
        });
    }

    @Override
    public Optional<String> replyOf(long key) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.replyOf(key));
    }

    @Override
    public List<Ticket> reportsOf(long incident) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.reportsOf(incident));
    }

    @Override
    public Reporters reportersOf(long incident) {
        return jdbi.withExtension(ReportSql.class, sql -> {
            Map<String, Integer> byChannel = new LinkedHashMap<>();
            int reports = 0;
            long latest = 0;
            for (ReportSql.ChannelCount c : sql.reportsByChannel(incident)) {
                byChannel.put(c.channel(), c.reports());
                reports += c.reports();
                latest = Math.max(latest, c.latest());
            }
            if (reports == 0) {
                return Reporters.NONE;
            }
            return new Reporters(sql.people(incident), reports, byChannel, Instant.ofEpochMilli(latest));
        });
    }

    @Override
    public int owe(long incident, ReporterNews news, boolean openOnly, Instant now) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.owe(incident, news.kind().code(), news.known(),
                news.doing(), news.next() == null ? null : news.next().toEpochMilli(), openOnly ? 1 : 0,
                now.toEpochMilli()));
    }

    @Override
    public List<Owed> owedBy(Instant now, int limit) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.owedBy(now.toEpochMilli(), owner, limit));
    }

    @Override
    public Optional<ReporterNews.Pending> claimNews(long report, Instant now, Instant leaseUntil) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.claimNews(report, now.toEpochMilli(),
                leaseUntil.toEpochMilli(), owner));
    }

    @Override
    public boolean newsPosted(long report, int version, int attempt, String ts, Instant at) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.newsPosted(report, version, ts, at.toEpochMilli(),
                owner, attempt)) > 0;
    }

    @Override
    public void releaseNews(long report, int attempt, Instant at) {
        jdbi.useExtension(ReportSql.class, sql -> sql.releaseNews(report, at.toEpochMilli(), owner, attempt));
    }

    @Override
    public Optional<String> newsTs(long report) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.newsTs(report));
    }

    @Override
    public boolean newsFailed(long report, int version, int attempt, String error, Instant retryAt, Instant now) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.newsFailed(report, version, error,
                retryAt == null ? null : retryAt.toEpochMilli(), now.toEpochMilli(), owner, attempt)) > 0;
    }

    @Override
    public int resolveWith(Ticket incident, Instant now) {
        long at = now.toEpochMilli();
        return jdbi.inTransaction(handle -> {
            ReportSql sql = handle.attach(ReportSql.class);
            sql.oweResolution(incident.key(), at);
            sql.noteResolvedWith(incident.key(), incident.id().toString(), at);
            sql.endWaitsOfReports(incident.key(), at);
            return sql.resolveReports(incident.key(), at);
        });
    }

    @Override
    public List<Long> endedWithOpenReports(int limit) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.endedWithOpenReports(limit));
    }

    @Override
    public int releaseNewsClaims(Instant now) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.releaseNewsClaims(now.toEpochMilli(), owner));
    }

    @Override
    public boolean proposeProbableP1(long incident, int reports, Instant at) {
        return jdbi.withExtension(ReportSql.class, sql -> sql.proposeProbableP1(incident, reports, at.toEpochMilli()))
                == 1;
    }

    @Override
    public void withdrawProbableP1(long incident) {
        jdbi.useExtension(ReportSql.class, sql -> sql.withdrawProbableP1(incident));
    }

    private static void append(TicketSql sql, long key, TimelineEntry e) {
        sql.appendEvent(key, e.at().toEpochMilli(), e.kind(), e.actor(), e.detail());
    }
}
