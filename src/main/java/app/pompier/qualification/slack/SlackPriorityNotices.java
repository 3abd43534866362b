package app.pompier.qualification.slack;

import app.pompier.leads.slack.LeadCommands;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackText;
import app.pompier.slack.TicketThread;
import app.pompier.qualification.DowngradeProposal;
import app.pompier.qualification.PriorityNotices;
import app.pompier.ticket.Ticket;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static com.slack.api.model.block.Blocks.actions;

/** {@link PriorityNotices} in Slack: Accept / Keep buttons in the ticket's thread, the answer to the leads. */
public final class SlackPriorityNotices implements PriorityNotices {
    private final TicketThread thread;
    private final LeadsChannel leads;
    private final Executor soon;

    public SlackPriorityNotices(TicketThread thread, LeadsChannel leads, Executor soon) {
        this.thread = thread;
        this.leads = leads;
        this.soon = soon;
    }

    @Override
    public void askReporter(Ticket t, DowngradeProposal p, boolean reminder) {
        String text = (reminder ? ":bell: Reminder: " : "") + Mention.of(t.reporter()) + ", "
                + Mention.of(p.proposedBy()) + " proposes to lower *" + t.id() + "* from " + p.from() + " to "
                + p.to() + ": " + SlackText.escape(p.reason()) + ". You chose " + p.from() + ", so you decide.";
        // The whole reason is in the ticket's timeline (/ticket show).
        thread.postSoon(t.source(), SlackBlocks.messageText(text), List.of(
                SlackBlocks.section(text),
                actions(a -> a.elements(List.of(
                        SlackBlocks.button(LeadCommands.ACCEPT_ACTION, String.valueOf(p.id()), "Accept " + p.to(), null),
                        SlackBlocks.button(LeadCommands.KEEP_ACTION, String.valueOf(p.id()), "Keep " + p.from(),
                                "primary"))))));
    }

    @Override
    public void reporterAnswered(Ticket t, DowngradeProposal p, boolean accepted, String reporter) {
        String text = accepted ? Mention.of(reporter) + " accepted to lower *" + t.id() + "* to " + p.to() + "."
                : Mention.of(reporter) + " keeps *" + t.id() + "* at " + p.from() + " (proposed: " + p.to() + ").";
        try {
            soon.execute(() -> leads.tell(t, text));
        } catch (RejectedExecutionException e) {
            // Shutting down: the timeline keeps the answer.
        }
    }
}
