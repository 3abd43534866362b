package app.pompier.slack;

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
    }

    private void inThread(Ticket t, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        thread.post(t.source(), SlackBlocks.messageText(text), blocks);
    }
}
