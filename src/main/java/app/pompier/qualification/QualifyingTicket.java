package app.pompier.qualification;

import app.pompier.language.Phrase;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.Category;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.Priority;
import app.pompier.ticket.ReporterWait;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Qualifying a ticket: checks who may, decides completeness and priority from the answers, and
 * records claimed and qualified priority side by side. A claim above the policy stands, unconfirmed; so does a P1
 * past the number a reporter may confirm themselves in an hour ({@link LimitingSelfConfirmedP1s}).
 */
public final class QualifyingTicket {
    /** States in which new answers move the ticket between needs-info and qualified. */
    private static final Set<TicketState> BEFORE_WORK = EnumSet.of(TicketState.NEW, TicketState.NEEDS_INFO,
            TicketState.QUALIFIED);
    private static final Set<TicketState> ENDED = EnumSet.of(TicketState.RESOLVED, TicketState.CLOSED);

    private final Tickets tickets;
    private final Qualifications qualifications;
    private final PriorityPolicy policy;
    private final CategorizingTicket categorizing;
    private final QualificationNotices notices;
    private final FollowingUpChanges followUps;
    private final ReportersReach reportersReach;
    private final LimitingSelfConfirmedP1s selfConfirmed;
    private final Clock clock;

    /**
     * @param reportersReach how widely the people who reported a ticket show it hits (one outage, many reports)
     * @param selfConfirmed  how many P1s a reporter confirms themselves, past which the leads confirm them
     */
    public QualifyingTicket(Tickets tickets, Qualifications qualifications, PriorityPolicy policy,
                            CategorizingTicket categorizing, QualificationNotices notices,
                            FollowingUpChanges followUps, ReportersReach reportersReach,
                            LimitingSelfConfirmedP1s selfConfirmed, Clock clock) {
        this.reportersReach = reportersReach;
        this.selfConfirmed = selfConfirmed;
        this.tickets = tickets;
        this.qualifications = qualifications;
        this.policy = policy;
        this.categorizing = categorizing;
        this.notices = notices;
        this.followUps = followUps;
        this.clock = clock;
    }

    /** What became of a qualification. Refusals are expected answers, not errors. */
    public sealed interface Outcome {
        /**
         * Recorded; {@code missing} is empty when the report is complete. {@code held} is set when the policy gave a
         * P1 the reporter may not confirm themselves now: it waits for a lead.
         */
        record Recorded(Ticket ticket, PriorityDecision decision, List<Completeness.Missing> missing,
                        boolean claimAbovePolicy,
                        Optional<LimitingSelfConfirmedP1s.Verdict.Held> held) implements Outcome {
        }

        /** Said in the language of the person refused. */
        record Refused(Phrase why) implements Outcome {
        }

        /** The same dialog submitted again: nothing changed twice. */
        record Repeated(Ticket ticket) implements Outcome {
        }
    }

    public PriorityPolicy policy() {
        return policy;
    }

    /** Why {@code user} may not qualify the ticket, or empty when they may. */
    public Optional<Phrase> refusal(Ticket ticket, String user, Predicate<String> isSupport) {
        if (ENDED.contains(ticket.state())) {
            return Optional.of(Phrase.of("qualification.refused.ended", "ticket", ticket.id(),
                    "state", ticket.state().code()));
        }
        if (!user.equals(ticket.reporter()) && !isSupport.test(user)) {
            return Optional.of(Phrase.of("qualification.refused.not_allowed", "ticket", ticket.id()));
        }
        if (ticket.isRelatedReport()) {
            return Optional.of(Phrase.of("qualification.refused.related_report", "ticket", ticket.id(),
                    "incident", tickets.idOf(ticket.relatedTo())));
        }
        return Optional.empty();
    }

    public Optional<Ticket> find(String workspace, TicketId id) {
        return tickets.byId(workspace, id);
    }

    public Optional<Answers> latestAnswers(Ticket ticket) {
        return qualifications.latest(ticket.key());
    }

    /**
     * Records the answers (and the category, when the reporter chose one), then follows the change up: what
     * support still needs or the priority decided is said in the thread, the leads hear of a claim above the
     * policy, and a qualified ticket is routed and its SLA clock started.
     */
    public Outcome qualify(String workspace, TicketId id, Answers answers, Category category, String by,
                           Predicate<String> isSupport, int expectedRevision, String submissionId) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(unknown(id));
        }
        Ticket ticket = found.get();
        Optional<Phrase> refusal = refusal(ticket, by, isSupport);
        if (refusal.isPresent()) {
            return new Outcome.Refused(refusal.get());
        }
        Instant now = clock.instant();
        PriorityDecision decision = decide(ticket, answers);
        List<Completeness.Missing> missing = Completeness.lacking(answers);
        Priority claimed = answers.claimed();
        boolean claimAbovePolicy = claimed != null && claimed.compareTo(decision.priority()) < 0;
        Priority effective = claimAbovePolicy ? claimed : decision.priority();
        LimitingSelfConfirmedP1s.Verdict verdict = selfConfirmed.judge(ticket, decision.priority(), by, isSupport);
        Optional<LimitingSelfConfirmedP1s.Verdict.Held> held = verdict instanceof LimitingSelfConfirmedP1s.Verdict.Held h
                ? Optional.of(h) : Optional.empty();
        TicketState to = BEFORE_WORK.contains(ticket.state())
                ? (missing.isEmpty() ? TicketState.QUALIFIED : TicketState.NEEDS_INFO)
                : ticket.state();

        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(now, "qualification", by, summary(answers)));
        if (to != ticket.state()) {
            timeline.add(new TimelineEntry(now, "state", by, ticket.state().code() + " -> " + to.code()
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", Completeness.missing(answers)))));
        }
        if (effective != ticket.priority() || !decision.reason().equals(ticket.priorityReason())) {
            timeline.add(new TimelineEntry(now, "priority", by, (ticket.priority() == null ? "unknown"
                    : ticket.priority().name()) + " -> " + effective + "; " + decision.reason()
                    + (claimAbovePolicy ? "; claimed " + claimed + " by the reporter, unconfirmed" : "")
                    + held.map(h -> "; unconfirmed: the reporter confirmed " + h.confirmed() + " P1s in the last"
                    + " hour, a lead confirms this one").orElse("")));
        }
        // The SLA clock starts when the report first becomes complete, and never starts again.
        Instant slaStartedAt = ticket.slaStartedAt() == null && to == TicketState.QUALIFIED ? now
                : ticket.slaStartedAt();
        Qualification qualification = new Qualification(ticket.key(), expectedRevision, submissionId, by, now,
                answers, ticket.state(), to, decision, effective, !claimAbovePolicy && held.isEmpty(),
                ReporterWait.between(ticket.state(), to), slaStartedAt, timeline);
        var recording = qualifications.record(qualification);
        if (!(recording instanceof Qualifications.Recording.Recorded)) {
            selfConfirmed.notRecorded(ticket, verdict);
        }
        if (recording instanceof Qualifications.Recording.Stale stale) {
            return new Outcome.Refused(Phrase.of("qualification.refused.stale", "ticket", id,
                    "state", stale.current().state().code()));
        }
        if (recording instanceof Qualifications.Recording.AlreadyRecorded again) {
            return new Outcome.Repeated(again.ticket());
        }
        Ticket recorded = ((Qualifications.Recording.Recorded) recording).ticket();
        categorizing.byReporter(recorded, category, by);
        followUps.changed(recorded.key(), ticket.state());
        Outcome.Recorded outcome = new Outcome.Recorded(recorded, decision, missing, claimAbovePolicy, held);
        notices.recorded(outcome);
        return outcome;
    }

    /**
     * The policy's decision on the answers, where the reach is at least what the reporters show: forty people
     * reporting one outage are not "one user", whatever the first of them answered.
     */
    private PriorityDecision decide(Ticket ticket, Answers answers) {
        ReportersReach.Shown shown = reportersReach.of(ticket.key());
        if (shown.reach().compareTo(answers.reach()) <= 0) {
            return policy.decide(answers);
        }
        return policy.decide(answers.withReach(shown.reach())).noting(Phrase.of("qualification.reason.widened",
                "people", shown.people(), "answered", answers.reach().code()));
    }

    /** The same words wherever a ticket id names no ticket (a priority's change too). */
    static Phrase unknown(TicketId id) {
        return Phrase.of("qualification.refused.unknown_ticket", "ticket", id);
    }

    private static String summary(Answers a) {
        return "reach: " + a.reach().words() + "; impact: " + a.impact().code() + "; reproducible: "
                + a.reproducibility().words() + "; workaround: " + (a.hasWorkaround() ? a.workaround() : "none")
                + (a.claimed() != null ? "; claimed: " + a.claimed() : "")
                + "; steps: " + (Answers.given(a.steps()) ? "given" : "missing")
                + "; where: " + (Answers.given(a.location()) ? a.location() : "missing")
                + "; error: " + (Answers.given(a.errorMessage()) ? "given" : "missing")
                + "; screenshots: " + a.screenshots().size();
    }
}
