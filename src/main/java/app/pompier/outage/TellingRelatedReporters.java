package app.pompier.outage;

import app.pompier.crisis.CellFollowers;
import app.pompier.crisis.StatusReport;
import app.pompier.ticket.ChannelLanes;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.IncidentFollowers;
import app.pompier.ticket.ReporterWait;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every related reporter informed ("informer, rassurer, aider à patienter", seed 005) without flooding the
 * support channel: a status update from the incident's crisis cell and its resolution are owed to each related
 * report's thread (one row per thread in the store, so a restart forgets nobody), then posted through the
 * channel's lane at the pace Slack accepts. News not yet posted in a thread is replaced by newer news: a
 * reporter reads the latest, not a backlog. Resolving the incident resolves its related reports, and their
 * reporters are told once.
 */
public final class TellingRelatedReporters implements IncidentFollowers, CellFollowers {
    private static final System.Logger log = System.getLogger(TellingRelatedReporters.class.getName());
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 8;
    private static final int SWEEP_LIMIT = 2_000;

    private final RelatedReports reports;
    private final Tickets tickets;
    private final OutageNotices notices;
    private final ChannelLanes lanes;
    private final Clock clock;

    public TellingRelatedReporters(RelatedReports reports, Tickets tickets, OutageNotices notices, ChannelLanes lanes,
                                   Clock clock) {
        this.reports = reports;
        this.tickets = tickets;
        this.notices = notices;
        this.lanes = lanes;
        this.clock = clock;
    }

    /** A status update was posted in the incident's cell: each related reporter still waiting is owed it. */
    @Override
    public void statusUpdate(Ticket incident, StatusReport report) {
        int owed = reports.owe(incident.key(), ReporterNews.status(report.known(), report.doing(), report.next()),
                true, clock.instant());
        if (owed > 0) {
            tickets.append(incident.key(), new TimelineEntry(clock.instant(), "related_news", null,
                    "status update owed to " + owed + " related reporter(s)"));
            sweep();
        }
    }

    @Override
    public int people(Ticket incident) {
        return Math.max(1, reports.reportersOf(incident.key()).people());
    }

    /** The incident is resolved: so are its related reports, and each reporter is told, once. */
    @Override
    public void changed(Ticket incident, TicketState before) {
        if (incident.state() != TicketState.RESOLVED || before == TicketState.RESOLVED) {
            return;
        }
        Instant now = clock.instant();
        List<Ticket> related = reports.reportsOf(incident.key());
        for (Ticket report : related) {
            if (!report.hasEnded()) {
                tickets.changeState(report.key(), report.state(), TicketState.RESOLVED, now,
                        ReporterWait.between(report.state(), TicketState.RESOLVED),
                        new TimelineEntry(now, "state", null, report.state().code() + " -> resolved with "
                                + incident.id()));
            }
        }
        int owed = reports.owe(incident.key(), ReporterNews.resolved(), false, now);
        if (owed > 0) {
            tickets.append(incident.key(), new TimelineEntry(now, "related_news", null,
                    "resolution owed to " + owed + " related reporter(s)"));
        }
        sweep();
    }

    /** Hands every thread owed news to its channel's lane; returns how many. */
    public int sweep() {
        List<RelatedReports.Owed> owed = reports.owedBy(clock.instant(), SWEEP_LIMIT);
        for (RelatedReports.Owed o : owed) {
            if (!lanes.submit(o.channel(), "news:" + o.report(), ChannelLanes.Urgency.FOLLOW_UP,
                    () -> deliver(o.report()))) {
                break;
            }
        }
        return owed.size();
    }

    /** Posts the news owed in one thread if this worker wins its lease. */
    void deliver(long report) {
        Instant now = clock.instant();
        Optional<ReporterNews.Pending> claimed = reports.claimNews(report, now, now.plus(LEASE));
        if (claimed.isEmpty()) {
            return;
        }
        ReporterNews.Pending pending = claimed.get();
        Optional<Ticket> ticket = tickets.byKey(report);
        Optional<Ticket> incident = tickets.byKey(pending.incident());
        if (ticket.isEmpty() || incident.isEmpty()) {
            reports.newsFailed(report, "ticket_not_found", null);
            return;
        }
        ChatAnswer<String> posted;
        try {
            posted = notices.news(ticket.get(), incident.get(), pending, pending.attempt() > 1);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "news for " + ticket.get().id() + " failed", e);
            posted = new ChatAnswer.RetryLater<>("internal_error: " + e);
        }
        if (posted.isDone()) {
            reports.newsPosted(report, pending.version(), clock.instant());
            return;
        }
        boolean never = posted instanceof ChatAnswer.CannotSucceed || pending.attempt() >= MAX_ATTEMPTS;
        Instant retryAt = never ? null
                : clock.instant().plus(FIRST_RETRY.multipliedBy(1L << Math.min(pending.attempt() - 1, 6)));
        reports.newsFailed(report, posted.problem(), retryAt);
        log.log(System.Logger.Level.WARNING, "{0}: news about {1} not posted ({2}){3}", ticket.get().id(),
                incident.get().id(), posted.problem(), never ? "; given up" : "; retrying at " + retryAt);
    }
}
