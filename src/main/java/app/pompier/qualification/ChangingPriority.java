package app.pompier.qualification;

import app.pompier.language.Phrase;
import app.pompier.sla.SlaClock;
import app.pompier.sla.SlaTarget;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Leads arbitrate priorities. A raise applies at once and counts as confirmed; lowering needs a reason; a
 * priority the reporter claimed is lowered only by the reporter, who accepts or refuses the lead's
 * proposal (seed 003), and is reminded once when they have not answered within the team's delay; a priority
 * the policy computed is changed by the lead directly. The leads hear of the reporter's answer.
 */
public final class ChangingPriority {
    private final Tickets tickets;
    private final DowngradeProposals proposals;
    private final PriorityNotices notices;
    private final ProposalReminders reminders;
    private final SlaClock slaClock;
    private final SlaTarget remindAfter;
    private final FollowingUpChanges followUps;
    private final Clock clock;

    /** @param remindAfter the business time after which a reporter who has not answered a proposal is reminded */
    public ChangingPriority(Tickets tickets, DowngradeProposals proposals, PriorityNotices notices,
                            ProposalReminders reminders, SlaClock slaClock, SlaTarget remindAfter,
                            FollowingUpChanges followUps, Clock clock) {
        this.tickets = tickets;
        this.proposals = proposals;
        this.notices = notices;
        this.reminders = reminders;
        this.slaClock = slaClock;
        this.remindAfter = remindAfter;
        this.followUps = followUps;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Changed(Ticket before, Ticket after) implements Outcome {
        }

        /** The reporter claimed this priority: they decide, on this proposal. */
        record Proposed(DowngradeProposal proposal, Ticket ticket) implements Outcome {
        }

        /** Said in the language of the person refused: {@code words.say(why)}. */
        record Refused(Phrase why) implements Outcome {
        }
    }

    public Outcome set(String workspace, TicketId id, Priority to, String reason, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(QualifyingTicket.unknown(id));
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return refused("not_lead");
        }
        if (t.hasEnded()) {
            return refused("ended", "ticket", id, "state", t.state().code());
        }
        if (t.priority() == to) {
            return refused("already", "ticket", id, "priority", to);
        }
        boolean lowering = t.priority() != null && to.compareTo(t.priority()) > 0;
        if (lowering && (reason == null || reason.isBlank())) {
            return refused("say_why", "ticket", id, "priority", to);
        }
        if (lowering && t.claimedPriority() != null && t.priority() == t.claimedPriority()) {
            Optional<DowngradeProposal> proposed = proposals.propose(t.key(), t.priority(), to, reason.strip(), by,
                    clock.instant());
            if (proposed.isEmpty()) {
                return refused("proposal_waiting", "ticket", id);
            }
            notices.askReporter(t, proposed.get(), false);
            Instant now = clock.instant();
            slaClock.budget(remindAfter, now).ifPresent(delay ->
                    reminders.remindAt(proposed.get().id(), slaClock.calendar().plus(now, delay)));
            return new Outcome.Proposed(proposed.get(), t);
        }
        String direction = lowering ? "lowered" : "raised";
        Phrase why = reason == null || reason.isBlank()
                ? Phrase.of("qualification.priority.reason.by_lead", "direction", direction)
                : Phrase.of("qualification.priority.reason.by_lead_because", "direction", direction,
                "reason", reason.strip());
        return prioritise(t, to, InEnglish.say(why), by, "changed_retry");
    }

    /** A lead confirms the P1 a reporter claimed: it now opens a crisis cell. */
    public Outcome confirm(String workspace, TicketId id, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(QualifyingTicket.unknown(id));
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return refused("not_lead_confirm");
        }
        if (t.priority() != Priority.P1) {
            return refused("not_p1", "ticket", id);
        }
        if (t.priorityConfirmed()) {
            return refused("already_confirmed", "ticket", id);
        }
        return prioritise(t, Priority.P1, InEnglish.say(Phrase.of("qualification.priority.reason.p1_confirmed")), by,
                "changed_retry");
    }

    /** The reporter answers a downgrade proposal; anyone else is refused. */
    public Outcome answer(long proposalId, boolean accepted, String by) {
        Optional<DowngradeProposal> found = proposals.byId(proposalId);
        if (found.isEmpty()) {
            return refused("no_proposal");
        }
        DowngradeProposal p = found.get();
        Ticket t = tickets.byKey(p.ticketKey()).orElseThrow();
        if (!by.equals(t.reporter())) {
            return refused("not_reporter", "ticket", t.id());
        }
        if (!p.isOpen() || !proposals.answer(proposalId, accepted, clock.instant())) {
            return refused("answered");
        }
        if (!accepted) {
            notices.reporterAnswered(t, p, false, by);
            return new Outcome.Proposed(proposals.byId(proposalId).orElseThrow(), t);
        }
        Outcome outcome = prioritise(t, p.to(), InEnglish.say(Phrase.of(
                "qualification.priority.reason.downgrade_accepted", "reason", p.reason())), by, "changed");
        if (outcome instanceof Outcome.Changed changed) {
            notices.reporterAnswered(changed.after(), p, true, by);
        }
        return outcome;
    }

    /** The reminder's time came: a reporter who has still not answered is asked once more, once. */
    public void remindReporter(long proposalId) {
        proposals.byId(proposalId).filter(p -> proposals.reminded(p.id(), clock.instant()))
                .ifPresent(p -> tickets.byKey(p.ticketKey()).ifPresent(t -> notices.askReporter(t, p, true)));
    }

    /**
     * Sets a priority a person decided (it counts as confirmed), says so in the timeline, and follows it up. The
     * reason is kept in English, as the timeline is.
     *
     * @param ifChanged the refusal when the ticket changed meanwhile ({@code qualification.priority.refused.*})
     */
    private Outcome prioritise(Ticket t, Priority to, String reason, String by, String ifChanged) {
        Instant now = clock.instant();
        Optional<Ticket> after = tickets.setPriority(t.key(), to, true, reason, new TimelineEntry(now, "priority", by,
                (t.priority() == null ? "unknown" : t.priority().name()) + " -> " + to + "; " + reason));
        if (after.isEmpty()) {
            return refused(ifChanged, "ticket", t.id());
        }
        followUps.changed(t.key(), t.state());
        return new Outcome.Changed(t, after.get());
    }

    private static Outcome.Refused refused(String why, Object... namedArguments) {
        return new Outcome.Refused(Phrase.of("qualification.priority.refused." + why, namedArguments));
    }
}
