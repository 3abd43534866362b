package app.pompier.outage;

import app.pompier.crisis.CellFollowers;
import app.pompier.crisis.StatusReport;
import app.pompier.ticket.ChannelLanes;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Claim;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.IncidentFollowers;
import app.pompier.ticket.Retrying;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
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
    private static final Retrying RETRYING = Retrying.OUTBOX;
    private static final int SWEEP_LIMIT = 2_000;

    private final RelatedReports reports;
    private final Tickets tickets;
    private final OutageNotices notices;
    private final ChannelLanes lanes;
    private final Clock clock;
    private final Claims claims;

    /** @param claims the claims each thread's news is posted under */
    public TellingRelatedReporters(RelatedReports reports, Tickets tickets, OutageNotices notices, ChannelLanes lanes,
                                   Claims claims, Clock clock) {
        this.claims = claims;
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
        return reports.reportersOf(incident.key()).people();
    }

    /**
     * The incident has ended (resolved, or closed at once): so have its related reports, and each reporter is told,
     * once. A report resolved with an earlier resolution (the incident reopened since) is not told again.
     */
    @Override
    public void changed(Ticket incident, TicketState before) {
        if (incident.hasEnded() && !before.hasEnded()) {
            resolveReportsOf(incident);
            sweep();
        }
    }

    private void resolveReportsOf(Ticket incident) {
        Instant now = clock.instant();
        int resolved = reports.resolveWith(incident, now);
        if (resolved > 0) {
            tickets.append(incident.key(), new TimelineEntry(now, "related_news", null,
                    resolved + " related report(s) resolved with it; their reporters are told"));
        }
    }

    /** What a crash cut between an incident's end and the resolution of its reports; then the news due. */
    public void catchUp() {
        for (long key : reports.endedWithOpenReports(50)) {
            tickets.byKey(key).ifPresent(this::resolveReportsOf);
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

    /**
     * Posts the news owed in one thread if this worker wins its lease, under that claim: a replica that lost it
     * (a freeze, a long wait on the chat) posts nothing more and records nothing; news it posted in the instant before
     * it lost the claim is deleted, the holder's standing for it.
     */
    void deliver(long report) {
        Instant now = clock.instant();
        Claim claim = claims.take("the news of report " + report, RETRYING.lease());
        Optional<ReporterNews.Pending> claimed = reports.claimNews(report, now, now.plus(RETRYING.lease()));
        if (claimed.isEmpty()) {
            return;
        }
        ReporterNews.Pending pending = claimed.get();
        Optional<String> before = reports.newsTs(report);
        Optional<Ticket> ticket = tickets.byKey(report);
        Optional<Ticket> incident = tickets.byKey(pending.incident());
        if (ticket.isEmpty() || incident.isEmpty()) {
            reports.newsFailed(report, pending.version(), pending.attempt(), "ticket_not_found", null, now);
            return;
        }
        ChatAnswer<ChatPost> posted;
        try {
            posted = claims.under(claim, () -> notices.news(ticket.get(), incident.get(), pending,
                    pending.attempt() > 1));
        } catch (ClaimLost e) {
            log.log(System.Logger.Level.WARNING, "{0}: {1}", ticket.get().id(), e.getMessage());
            // Nothing was posted under it: given back without counting, due again in a moment (looked for first).
            reports.releaseNews(report, pending.attempt(), clock.instant().plusSeconds(5));
            return;
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.ERROR, "news for " + ticket.get().id() + " failed", e);
            posted = new ChatAnswer.RetryLater<>("internal_error: " + e);
        }
        if (posted instanceof ChatAnswer.Done<ChatPost> done) {
            ChatPost post = done.value();
            if (!reports.newsPosted(report, pending.version(), pending.attempt(), post.ts(), clock.instant())) {
                // Taken over while on its way: deleted once the holder recorded news of its own since this claim
                // (until then this one may be what the holder finds in the thread).
                Optional<String> recorded = reports.newsTs(report);
                boolean superseded = !post.found() && recorded.isPresent() && !recorded.equals(before)
                        && !recorded.get().equals(post.ts());
                log.log(System.Logger.Level.WARNING, "{0}: its news was taken over by another replica while this one"
                        + " posted it{1}", ticket.get().id(), superseded ? "; this copy is deleted" : "");
                if (superseded) {
                    notices.withdrawNews(ticket.get(), post.ts());
                }
            }
            return;
        }
        Instant retryAt = posted instanceof ChatAnswer.CannotSucceed ? null
                : RETRYING.next(pending.attempt(), clock.instant());
        if (!reports.newsFailed(report, pending.version(), pending.attempt(), posted.problem(), retryAt,
                clock.instant())) {
            return;
        }
        log.log(System.Logger.Level.WARNING, "{0}: news about {1} not posted ({2}){3}", ticket.get().id(),
                incident.get().id(), posted.problem(), retryAt == null ? "; given up" : "; retrying at " + retryAt);
    }
}
