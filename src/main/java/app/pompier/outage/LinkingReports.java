package app.pompier.outage;

import app.pompier.language.Phrase;
import app.pompier.qualification.ChangingPriority;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.PostingCards;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * What people decide about grouped reports: a lead links a ticket to an incident intake did not see it belonged to
 * ({@code /ticket link}) or unlinks one ({@code /ticket unlink}); a reporter says their report is something else,
 * and it becomes a ticket of its own at once, with its card; a lead confirms a probable P1. Each is done once: a
 * second click or command finds it done and says so. What Slack is told afterwards runs off the request, which
 * must be acked within 3 s. A refusal is a {@link Phrase} ({@code outage.refused.*}), said in the reader's language
 * at the edge.
 */
public final class LinkingReports {
    private final RelatedReports reports;
    private final Tickets tickets;
    private final RelatingReports relating;
    private final PostingCards posting;
    private final FollowingUpChanges changes;
    private final OutageNotices notices;
    private final ChangingPriority priorities;
    private final Executor soon;
    private final Clock clock;

    public LinkingReports(RelatedReports reports, Tickets tickets, RelatingReports relating, PostingCards posting,
                          FollowingUpChanges changes, OutageNotices notices, ChangingPriority priorities, Executor soon,
                          Clock clock) {
        this.priorities = priorities;
        this.soon = soon;
        this.reports = reports;
        this.tickets = tickets;
        this.relating = relating;
        this.posting = posting;
        this.changes = changes;
        this.notices = notices;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Linked(Ticket report, Ticket incident) implements Outcome {
        }

        record Unlinked(Ticket report, Ticket incident) implements Outcome {
        }

        record Refused(Phrase reason) implements Outcome {
        }
    }

    /** A lead makes {@code reportId} a related report of {@code incidentId} (or of the incident it belongs to). */
    public Outcome link(String workspace, TicketId reportId, TicketId incidentId, String by, Predicate<String> isLead) {
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("outage.refused.link_not_lead"));
        }
        Optional<Ticket> report = tickets.byId(workspace, reportId);
        Optional<Ticket> named = tickets.byId(workspace, incidentId);
        if (report.isEmpty() || named.isEmpty()) {
            return new Outcome.Refused(notFound(report.isEmpty() ? reportId : incidentId));
        }
        Ticket incident = named.get().isRelatedReport()
                ? tickets.byKey(named.get().relatedTo()).orElse(named.get()) : named.get();
        Ticket r = report.get();
        if (r.key() == incident.key()) {
            return new Outcome.Refused(named.get().key() == r.key()
                    ? Phrase.of("outage.refused.itself", "report", reportId.toString())
                    : Phrase.of("outage.refused.is_the_incident", "report", reportId.toString(),
                    "named", incidentId.toString()));
        }
        if (r.hasEnded() || incident.hasEnded()) {
            return new Outcome.Refused(Phrase.of("outage.refused.ended",
                    "ticket", (r.hasEnded() ? reportId : incident.id()).toString(),
                    "state", (r.hasEnded() ? r : incident).state().code()));
        }
        if (incident.key() == (r.relatedTo() == null ? -1 : r.relatedTo())) {
            return new Outcome.Refused(Phrase.of("outage.refused.already_related", "report", reportId.toString(),
                    "incident", incident.id().toString()));
        }
        Instant now = clock.instant();
        Optional<Ticket> linked = reports.link(r.key(), incident.key(),
                new TimelineEntry(now, TimelineEntry.RELATED, by, "linked to " + incident.id() + " by a lead"),
                new TimelineEntry(now, TimelineEntry.RELATED_REPORT, by, r.id() + " linked by a lead"));
        if (linked.isEmpty()) {
            return new Outcome.Refused(Phrase.of("outage.refused.changed", "report", reportId.toString()));
        }
        // Its reporter gets the reply naming the incident; its clocks stop; the incident's count grows.
        posting.postSoon(linked.get());
        changes.changed(r.key(), r.state());
        relating.reportedSoon(incident.key());
        return new Outcome.Linked(linked.get(), incident);
    }

    /** A lead makes a related report a ticket of its own. */
    public Outcome unlink(String workspace, TicketId reportId, String by, Predicate<String> isLead) {
        if (!isLead.test(by)) {
            return new Outcome.Refused(Phrase.of("outage.refused.unlink_not_lead"));
        }
        return ownTicket(workspace, reportId, by, "unlinked by a lead");
    }

    /** The reporter (or support) says the report is not the incident: it becomes a ticket of its own at once. */
    public Outcome somethingElse(String workspace, TicketId reportId, String by, Predicate<String> isSupport) {
        Optional<Ticket> report = tickets.byId(workspace, reportId);
        if (report.isPresent() && !by.equals(report.get().reporter()) && !isSupport.test(by)) {
            return new Outcome.Refused(Phrase.of("outage.refused.not_reporter", "report", reportId.toString()));
        }
        return ownTicket(workspace, reportId, by, "the reporter said it is something else");
    }

    /** What became of confirming a probable P1. */
    public sealed interface Confirmation {
        record Confirmed(Ticket incident) implements Confirmation {
        }

        record Refused(Phrase reason) implements Confirmation {
        }
    }

    /**
     * A lead confirms the probable P1 the leads were proposed: the incident becomes a confirmed P1 (its crisis cell
     * opens). A report related to another incident since, or a ticket already P1, is refused with why.
     */
    public Confirmation confirmProbableP1(String workspace, TicketId id, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Confirmation.Refused(notFound(id));
        }
        Ticket incident = found.get();
        if (incident.isRelatedReport()) {
            return new Confirmation.Refused(Phrase.of("outage.refused.report_of", "ticket", id.toString(),
                    "incident", String.valueOf(tickets.idOf(incident.relatedTo()))));
        }
        if (incident.isConfirmedP1()) {
            return new Confirmation.Refused(Phrase.of("outage.refused.already_p1", "ticket", id.toString()));
        }
        boolean alreadyP1 = incident.priority() == Priority.P1;
        if (!isLead.test(by)) {
            // What ChangingPriority would answer, said here in the clicker's language.
            return new Confirmation.Refused(Phrase.of("outage.refused.confirm_not_lead",
                    "priority", alreadyP1 ? "p1" : "other"));
        }
        int reporters = reports.reportersOf(incident.key()).people();
        var outcome = alreadyP1 ? priorities.confirm(workspace, id, by, isLead)
                : priorities.set(workspace, id, Priority.P1, notices.probableP1Reason(incident, reporters), by,
                isLead);
        if (outcome instanceof ChangingPriority.Outcome.Refused refused) {
            // ChangingPriority's own refusals (ended, changed meanwhile) come in its words.
            return new Confirmation.Refused(Phrase.of("outage.refused.priority", "reason", refused.why()));
        }
        return new Confirmation.Confirmed(tickets.byKey(incident.key()).orElse(incident));
    }

    private void soon(Runnable task) {
        try {
            soon.execute(task);
        } catch (RejectedExecutionException e) {
            // Shutting down: the reply keeps its old words; its button answers that the report is its own ticket.
        }
    }

    private Outcome ownTicket(String workspace, TicketId reportId, String by, String why) {
        Optional<Ticket> found = tickets.byId(workspace, reportId);
        if (found.isEmpty()) {
            return new Outcome.Refused(notFound(reportId));
        }
        Ticket r = found.get();
        if (!r.isRelatedReport()) {
            return new Outcome.Refused(alreadyOwn(reportId));
        }
        Ticket incident = tickets.byKey(r.relatedTo()).orElseThrow();
        Instant now = clock.instant();
        Optional<Ticket> own = reports.unlink(r.key(), now,
                new TimelineEntry(now, TimelineEntry.RELATED, by, "a ticket of its own, no longer related to "
                        + incident.id() + ": " + why),
                new TimelineEntry(now, TimelineEntry.RELATED_REPORT, by, r.id() + " is not related any more: " + why));
        if (own.isEmpty()) {
            return new Outcome.Refused(alreadyOwn(reportId));
        }
        reports.replyOf(r.key()).ifPresent(ts -> soon(() -> notices.madeOwnTicket(own.get(), incident, ts, by)));
        posting.postSoon(own.get());
        changes.changed(r.key(), r.state());
        relating.followSoon(incident.key());
        return new Outcome.Unlinked(own.get(), incident);
    }

    private static Phrase notFound(TicketId id) {
        return Phrase.of("outage.refused.not_found", "ticket", id.toString());
    }

    private static Phrase alreadyOwn(TicketId id) {
        return Phrase.of("outage.refused.already_own", "report", id.toString());
    }
}
