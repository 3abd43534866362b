package app.pompier.qualification;

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

        record Refused(String reason) implements Outcome {
        }
    }

    public Outcome set(String workspace, TicketId id, Priority to, String reason, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(id + " does not exist; check the ticket id");
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return new Outcome.Refused("only support leads change a priority");
        }
        if (t.hasEnded()) {
            return new Outcome.Refused(id + " is " + t.state().label().toLowerCase() + "; reopen it first");
        }
        if (t.priority() == to) {
            return new Outcome.Refused(id + " is already " + to);
        }
        boolean lowering = t.priority() != null && to.compareTo(t.priority()) > 0;
        if (lowering && (reason == null || reason.isBlank())) {
            return new Outcome.Refused("say why: `/ticket priority " + id + " " + to + " <reason>`");
        }
        if (lowering && t.claimedPriority() != null && t.priority() == t.claimedPriority()) {
            Optional<DowngradeProposal> proposed = proposals.propose(t.key(), t.priority(), to, reason.strip(), by,
                    clock.instant());
            if (proposed.isEmpty()) {
                return new Outcome.Refused("a downgrade of " + id + " already waits for the reporter's answer");
            }
            notices.askReporter(t, proposed.get(), false);
            Instant now = clock.instant();
            slaClock.budget(remindAfter, now).ifPresent(delay ->
                    reminders.remindAt(proposed.get().id(), slaClock.calendar().plus(now, delay)));
            return new Outcome.Proposed(proposed.get(), t);
        }
        String why = (lowering ? "lowered" : "raised") + " by a lead" + (reason == null || reason.isBlank() ? ""
                : ": " + reason.strip());
        return prioritise(t, to, why, by, id + " changed meanwhile; try again");
    }

    /** A lead confirms the P1 a reporter claimed: it now opens a crisis cell. */
    public Outcome confirm(String workspace, TicketId id, String by, Predicate<String> isLead) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Outcome.Refused(id + " does not exist; check the ticket id");
        }
        Ticket t = found.get();
        if (!isLead.test(by)) {
            return new Outcome.Refused("only support leads confirm a P1");
        }
        if (t.priority() != Priority.P1) {
            return new Outcome.Refused(id + " is not a P1; raise it with `/ticket priority " + id + " P1 <reason>`");
        }
        if (t.priorityConfirmed()) {
            return new Outcome.Refused(id + " is already a confirmed P1");
        }
        return prioritise(t, Priority.P1, "P1 confirmed by a lead", by, id + " changed meanwhile; try again");
    }

    /** The reporter answers a downgrade proposal; anyone else is refused. */
    public Outcome answer(long proposalId, boolean accepted, String by) {
        Optional<DowngradeProposal> found = proposals.byId(proposalId);
        if (found.isEmpty()) {
            return new Outcome.Refused("this proposal no longer exists");
        }
        DowngradeProposal p = found.get();
        Ticket t = tickets.byKey(p.ticketKey()).orElseThrow();
        if (!by.equals(t.reporter())) {
            return new Outcome.Refused("only the reporter of " + t.id() + " answers this proposal");
        }
        if (!p.isOpen() || !proposals.answer(proposalId, accepted, clock.instant())) {
            return new Outcome.Refused("you already answered this proposal");
        }
        if (!accepted) {
            notices.reporterAnswered(t, p, false, by);
            return new Outcome.Proposed(proposals.byId(proposalId).orElseThrow(), t);
        }
        Outcome outcome = prioritise(t, p.to(), "downgrade accepted by the reporter: " + p.reason(), by,
                t.id() + " changed meanwhile");
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

    /** Sets a priority a person decided (it counts as confirmed), says so in the timeline, and follows it up. */
    private Outcome prioritise(Ticket t, Priority to, String reason, String by, String ifChanged) {
        Instant now = clock.instant();
        Optional<Ticket> after = tickets.setPriority(t.key(), to, true, reason, new TimelineEntry(now, "priority", by,
                (t.priority() == null ? "unknown" : t.priority().name()) + " -> " + to + "; " + reason));
        if (after.isEmpty()) {
            return new Outcome.Refused(ifChanged);
        }
        followUps.changed(t.key(), t.state());
        return new Outcome.Changed(t, after.get());
    }
}
