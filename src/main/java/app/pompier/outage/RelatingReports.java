package app.pompier.outage;

import app.pompier.ops.Components;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Turn;
import app.pompier.ticket.TurnUnavailable;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.ReportTriage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.Turns;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Intake's grouping of one outage's reports (seed 004: "un flux de tickets d'incidents arrive en masse"). A report
 * that reads like an ongoing incident (an open P1 or P2, or a recent cluster of reports) becomes a related report
 * of it: one reply naming the incident instead of a card, a dialog and a queue line of its own. Judged on what the
 * report says (see {@link ReportWords}), the components it names, the essential function it names, its channel,
 * and how recent the others are. When in doubt (nothing close enough, or two incidents equally close) it stays a
 * ticket of its own and support can link it later.
 *
 * <p>Reports are decided in the order they arrived, the earlier first, so a cluster forms around its first report
 * and two reports of one minute never end up each other's incident. Only reports people wrote by themselves (a
 * message in a support channel, a mention) are grouped: the shortcut and the reaction are support asking for a
 * ticket, and get one.
 */
public final class RelatingReports implements ReportTriage {
    private static final System.Logger log = System.getLogger(RelatingReports.class.getName());
    /** How many of an incident's most recent reports a new one is compared with, beside the incident itself. */
    private static final int COMPARED_PER_INCIDENT = 30;
    /** The newest open tickets a report is compared with (open P1s and P2s come whatever their age). */
    private static final int MAX_CANDIDATES = 300;
    /** Reports decided in one turn, committed together: few enough that their rows are not held long. */
    private static final int DECIDED_PER_TURN = 50;
    private static final String GROUPING = "grouping reports";
    /** Two incidents closer than this to one report: it is not clear which, so it is neither. */
    private static final double DOUBT = 0.05;
    private static final double SAME_COMPONENT = 0.15;
    private static final double SAME_ESSENTIAL_FUNCTION = 0.1;
    private static final double SAME_CHANNEL = 0.05;

    private final RelatedReports reports;
    private final Tickets tickets;
    private final Components components;
    private final GroupingSettings settings;
    private final OutageNotices notices;
    private final FollowingUpChanges changes;
    private final Executor soon;
    private final ScheduledExecutorService later;
    private final Duration redrawEvery;
    private final Turns turns;
    private final Clock clock;
    private final List<Set<String>> essentialFunctions;
    private final Map<Long, ReportWords> wordsByKey = new ConcurrentHashMap<>();
    private final Set<Long> redrawing = ConcurrentHashMap.newKeySet();
    private final KeepingOutageBoards boards;
    private final Executor grouping;
    /** The newest report waiting for an early decision: one decision run decides it and every one before it. */
    private final AtomicLong pendingUpTo = new AtomicLong();
    /** A decision run is queued: the reports taken in meanwhile wait for it rather than queue runs of their own. */
    private final java.util.concurrent.atomic.AtomicBoolean deciding = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param soon        where what follows a decision runs (the leads told), off intake's lock
     * @param later       where an incident's redraw waits for the rest of its burst
     * @param redrawEvery how often at most an incident's card and cell are redrawn while its reports pour in
     * @param turns       where decisions take turns: all the replicas of the store decide one report at a time
     * @param boards      what tells the reporters of a report just linked, ahead of its reply
     * @param grouping    the one thread reports are decided on ahead of their first answer
     */
    public RelatingReports(RelatedReports reports, Tickets tickets, Components components, GroupingSettings settings,
                           OutageNotices notices, FollowingUpChanges changes, Executor soon,
                           ScheduledExecutorService later, Duration redrawEvery, Turns turns, Clock clock,
                           KeepingOutageBoards boards, Executor grouping) {
        this.boards = boards;
        this.grouping = grouping;
        this.turns = turns;
        this.soon = soon;
        this.redrawEvery = redrawEvery;
        this.reports = reports;
        this.tickets = tickets;
        this.components = components;
        this.settings = settings;
        this.notices = notices;
        this.changes = changes;
        this.later = later;
        this.clock = clock;
        this.essentialFunctions = settings.essentialFunctions().stream()
                .map(f -> Set.copyOf(ReportWords.of(f).concepts())).filter(c -> !c.isEmpty()).toList();
    }

    /** An incident found for a report, and how alike they read. */
    public record Match(Ticket incident, double score) {
    }

    /** A report just linked to an incident by a decision. */
    private record Linked(Ticket report, Ticket incident) {
    }

    /**
     * Decides the report ahead of its first answer, which waits for its channel's pace (the 300th report of a burst
     * a few minutes): a report of a known incident is on that incident's board within seconds. The card worker then
     * finds it decided. Decisions stay in order of arrival: a run decides every report up to the newest waiting.
     */
    @Override
    public void triageSoon(Ticket ticket) {
        if (!groupable(ticket)) {
            return;
        }
        pendingUpTo.accumulateAndGet(ticket.key(), Math::max);
        if (!deciding.compareAndSet(false, true)) {
            return;
        }
        try {
            grouping.execute(this::triagePending);
        } catch (RejectedExecutionException e) {
            deciding.set(false);
            log.log(System.Logger.Level.DEBUG, "shutting down: {0} is decided by its card worker", ticket.id());
        }
    }

    private void triagePending() {
        // Cleared before the newest is read: a report taken in from now on queues the next run.
        deciding.set(false);
        long upTo = pendingUpTo.getAndSet(0);
        if (upTo == 0) {
            return;
        }
        try {
            tickets.byKey(upTo).ifPresent(this::triage);
        } catch (RuntimeException e) {
            // The turn busy, the store out of reach: each card worker decides its report before its first answer.
            log.log(System.Logger.Level.INFO, "reports up to {0} are decided by their card workers ({1})", upTo,
                    e.toString());
        }
    }

    @Override
    public Ticket triage(Ticket ticket) {
        if (ticket.groupedAt() != null) {
            return ticket;
        }
        List<Linked> gathering = new ArrayList<>();
        // One decision at a time, in order of arrival, whatever the replica: each sees the ones before it. A turn
        // decides a batch and commits it, so that the reports it decides are not held from their card workers long.
        long after = 0;
        int looked;
        do {
            long from = after;
            List<Ticket> batch = turns.inTurn(GROUPING, turn -> decideBatch(turn, from, ticket.key(), gathering));
            looked = batch.size();
            after = looked == 0 ? after : batch.get(looked - 1).key();
        } while (looked == DECIDED_PER_TURN);
        gathering.stream().map(l -> l.incident().key()).distinct().forEach(this::reportedSoon);
        gathering.forEach(l -> boards.linked(l.report(), l.incident()));
        Ticket decided = tickets.byKey(ticket.key()).orElse(ticket);
        if (decided.groupedAt() == null) {
            throw new IllegalStateException(ticket.id() + " could not be decided yet; its first answer waits");
        }
        return decided;
    }

    /**
     * In the grouping turn: decides the oldest undecided reports after {@code after} up to {@code upTo}, at most
     * {@link #DECIDED_PER_TURN}; the incidents they joined go to {@code gathering}. Returns the reports looked at.
     */
    private List<Ticket> decideBatch(Turn turn, long after, long upTo, List<Linked> gathering) {
        List<Ticket> batch = reports.undecided(after, upTo, DECIDED_PER_TURN);
        for (Ticket report : batch) {
            try {
                turn.record(() -> decide(report)).ifPresent(incident -> gathering.add(new Linked(report, incident)));
            } catch (ClaimLost | TurnUnavailable e) {
                // The turn is lost, or the store is busy for now: this decision and those after it wait for the next
                // attempt, rather than making a report a ticket of its own for a passing reason.
                throw e;
            } catch (RuntimeException e) {
                // Comparing failed (a report's text, the store): a ticket of its own, so that one report never holds
                // up the first answers of the others.
                log.log(System.Logger.Level.ERROR, "deciding whether " + report.id() + " is related failed;"
                        + " it is a ticket of its own", e);
                turn.record(() -> reports.decide(report.key(), null, clock.instant(), null, null));
            }
        }
        return batch;
    }

    /** Decides one report; the incident it joined, if any. */
    private Optional<Ticket> decide(Ticket report) {
        Instant now = clock.instant();
        Optional<Match> match = groupable(report) ? bestMatch(report) : Optional.empty();
        if (match.isPresent()) {
            Ticket incident = match.get().incident();
            if (reports.decide(report.key(), incident.key(), now,
                    new TimelineEntry(now, TimelineEntry.RELATED, null, "looks like " + incident.id()
                            + String.format(Locale.ROOT, " (similarity %.2f); related to it", match.get().score())),
                    new TimelineEntry(now, TimelineEntry.RELATED_REPORT, report.reporter(), report.id() + " from "
                            + report.source().channel()))) {
                return Optional.of(incident);
            }
            // The incident ended or joined another meanwhile: the report is a ticket of its own.
        }
        reports.decide(report.key(), null, now, null, null);
        return Optional.empty();
    }

    /** Reports people wrote by themselves, that say something. */
    private boolean groupable(Ticket report) {
        return settings.enabled() && report.sourceKnown()
                && (report.via() == OpenedVia.WATCHED_CHANNEL || report.via() == OpenedVia.MENTION);
    }

    /** The incident a report most likely belongs to, if one is close enough and clearly the closest. */
    public Optional<Match> bestMatch(Ticket report) {
        ReportWords words = words(report);
        if (!words.saysWhat()) {
            // "ça marche pas": nothing says which problem it is.
            return Optional.empty();
        }
        Set<String> named = components.mentionedIn(report.text());
        Map<Long, Double> byIncident = new HashMap<>();
        Map<Long, Integer> compared = new HashMap<>();
        Map<Long, Ticket> incidents = new HashMap<>();
        Instant since = clock.instant().minus(settings.window());
        for (Ticket other : reports.candidates(report.source().workspace(), since, MAX_CANDIDATES)) {
            if (other.key() >= report.key() || !other.sourceKnown()) {
                continue;
            }
            long incident = other.isRelatedReport() ? other.relatedTo() : other.key();
            if (!other.isRelatedReport()) {
                incidents.put(incident, other);
            } else if (compared.merge(incident, 1, Integer::sum) > COMPARED_PER_INCIDENT) {
                // The incident itself is always compared; of its reports, the most recent.
                continue;
            }
            byIncident.merge(incident, score(report, words, named, other), Math::max);
        }
        List<Map.Entry<Long, Double>> ranked = new ArrayList<>(byIncident.entrySet());
        ranked.sort(Map.Entry.<Long, Double>comparingByValue().reversed());
        if (ranked.isEmpty() || ranked.get(0).getValue() < settings.threshold()) {
            return Optional.empty();
        }
        if (ranked.size() > 1 && ranked.get(1).getValue() >= settings.threshold()
                && ranked.get(0).getValue() - ranked.get(1).getValue() < DOUBT) {
            return Optional.empty();
        }
        long key = ranked.get(0).getKey();
        Optional<Ticket> incident = Optional.ofNullable(incidents.get(key)).or(() -> tickets.byKey(key))
                .filter(t -> !t.hasEnded() && !t.isRelatedReport());
        return incident.map(t -> new Match(t, ranked.get(0).getValue()));
    }

    /** How alike a report reads to another: their words, then what else is known of both. */
    double score(Ticket report, ReportWords words, Set<String> named, Ticket other) {
        ReportWords theirs = words(other);
        double score = words.similarity(theirs);
        Set<String> theyName = components.mentionedIn(other.text());
        if (!named.isEmpty() && !theyName.isEmpty()) {
            // Two reports that name different components describe different problems, however alike they read.
            score = named.stream().anyMatch(theyName::contains) ? score + SAME_COMPONENT : score / 2;
        }
        for (Set<String> function : essentialFunctions) {
            if (words.concepts().containsAll(function) && theirs.concepts().containsAll(function)) {
                score += SAME_ESSENTIAL_FUNCTION;
                break;
            }
        }
        if (report.source().channel().equals(other.source().channel())) {
            score += SAME_CHANNEL;
        }
        return Math.min(1, score);
    }

    private ReportWords words(Ticket ticket) {
        if (wordsByKey.size() > 20_000) {
            // Reports older than the window are not compared any more; starting again is cheaper than an LRU.
            wordsByKey.clear();
        }
        return wordsByKey.computeIfAbsent(ticket.key(), k -> ReportWords.of(ticket.text()));
    }

    /**
     * One more report of an incident: its card and cell show the count (redrawn once for a burst), and an
     * unqualified cluster that reaches {@code probable_p1_reports} people is proposed to the leads as a P1, once.
     */
    public void reported(Ticket incident) {
        followSoon(incident.key());
        if (incident.priority() != null || incident.hasEnded()) {
            return;
        }
        Reporters reporters = reports.reportersOf(incident.key());
        if (reporters.people() >= settings.probableP1Reports()
                && reports.proposeProbableP1(incident.key(), reporters.reports(), clock.instant())) {
            ChatAnswer<Void> told = notices.probableP1(incident, reporters);
            if (!told.isDone()) {
                log.log(System.Logger.Level.WARNING, "{0}: the leads could not be told it is a probable P1 ({1});"
                        + " the next report tries again", incident.id(), told.problem());
                reports.withdrawProbableP1(incident.key());
            }
        }
    }

    /** {@link #reported} off the caller's thread (a listener that must ack, intake's lock). */
    public void reportedSoon(long incidentKey) {
        try {
            soon.execute(() -> tickets.byKey(incidentKey).ifPresent(this::reported));
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.DEBUG, "shutting down: {0} is redrawn at the next report", incidentKey);
        }
    }

    /** Redraws what shows an incident once for a burst of reports, not once per report. */
    public void followSoon(long incidentKey) {
        if (!redrawing.add(incidentKey)) {
            return;
        }
        try {
            later.schedule(() -> {
                redrawing.remove(incidentKey);
                tickets.byKey(incidentKey).ifPresent(t -> changes.changed(t.key(), t.state()));
            }, redrawEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            redrawing.remove(incidentKey);
        }
    }
}
