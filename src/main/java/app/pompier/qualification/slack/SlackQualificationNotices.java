package app.pompier.qualification.slack;

import app.pompier.outage.slack.OutageWords;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.qualification.LimitingSelfConfirmedP1s;
import app.pompier.qualification.QualificationNotices;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** {@link QualificationNotices} in the ticket's thread and to the leads, after Slack's request was answered. */
public final class SlackQualificationNotices implements QualificationNotices {
    private static final Logger log = LoggerFactory.getLogger(SlackQualificationNotices.class);

    private final TicketThread thread;
    private final LeadsChannel leads;
    private final Executor soon;

    public SlackQualificationNotices(TicketThread thread, LeadsChannel leads, Executor soon) {
        this.thread = thread;
        this.leads = leads;
        this.soon = soon;
    }

    @Override
    public void recorded(QualifyingTicket.Outcome.Recorded recorded) {
        try {
            soon.execute(() -> {
                try {
                    tell(recorded);
                } catch (SlackUnavailableException e) {
                    log.warn("ticket {}: qualified, but Slack could not be told: {}", recorded.ticket().id(),
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: the qualification of {} is not told", recorded.ticket().id());
        }
    }

    private void tell(QualifyingTicket.Outcome.Recorded recorded) {
        Ticket t = recorded.ticket();
        String reporter = Mention.of(t.reporter());
        if (!recorded.missing().isEmpty()) {
            String text = reporter + " to investigate *" + t.id() + "*, support still needs:\n• "
                    + String.join("\n• ", recorded.missing());
            inThread(t, text, List.of(SlackBlocks.section(text),
                    actions(a -> a.elements(List.of(CardBlocks.qualifyButton(t))))));
        } else if (t.state() == TicketState.QUALIFIED) {
            String text = "*" + t.id() + "* is qualified: *" + CardBlocks.priority(t) + "*. "
                    + SlackText.escape(recorded.decision().reason()) + ". Support takes it from here.";
            inThread(t, text, null);
        }
        if (recorded.claimAbovePolicy()) {
            String claimed = t.claimedPriority().name();
            inThread(t, reporter + " you claimed *" + claimed + "*; the policy gives *" + t.qualifiedPriority()
                    + "* (" + SlackText.escape(recorded.decision().reason()) + "). Your " + claimed
                    + " stands, unconfirmed, until a support lead reviews it.", null);
            leads.tell(t, "*" + t.id() + "*: " + reporter + " claims *" + claimed + "*, the policy gives *"
                    + t.qualifiedPriority() + "* (" + SlackText.escape(recorded.decision().reason()) + "). The claim"
                    + " stands, unconfirmed: confirm it or propose a downgrade."
                    + (t.permalink() != null ? " <" + t.permalink() + "|Open the report>" : ""));
        }
        recorded.held().ifPresent(held -> heldForTheLeads(recorded, held));
    }

    /** A P1 the reporter may not confirm themselves now: they are told it waits, the leads get the Confirm button. */
    private void heldForTheLeads(QualifyingTicket.Outcome.Recorded recorded, LimitingSelfConfirmedP1s.Verdict.Held held) {
        Ticket t = recorded.ticket();
        String reporter = Mention.of(held.reporter());
        String why = held.perHour() == 0 ? "this team's leads confirm every P1 a reporter gives their own report"
                : reporter + " confirmed " + held.confirmed() + " P1" + (held.confirmed() == 1 ? "" : "s")
                + " in the last hour (" + held.perHour() + " at most)";
        inThread(t, reporter + " *" + t.id() + "* reads as a P1, but " + (held.perHour() == 0 ? why
                : "you confirmed " + held.confirmed() + " P1s in the last hour") + ": a support lead confirms this"
                + " one before its crisis cell opens. They are told.", null);
        String text = ":raised_hand: *" + t.id() + "*: the policy gives *P1* (" + SlackText.escape(recorded.decision()
                .reason()) + "), but " + why + ", so it stands unconfirmed, without a crisis cell. Confirm it, or"
                + " propose a downgrade." + (t.permalink() != null ? " <" + t.permalink() + "|Open the report>" : "");
        leads.tell(t, text, List.of(section(s -> s.text(markdownText(text))), actions(a -> a.blockId("held_p1")
                .elements(List.of(button(b -> b.actionId(OutageWords.CONFIRM_PROBABLE_P1_ACTION)
                        .value(t.id().toString()).style("danger").text(plainText("Confirm P1"))))))));
    }

    private void inThread(Ticket t, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        thread.post(t.source(), SlackBlocks.messageText(text), blocks);
    }
}
