package app.pompier.qualification.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
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

/**
 * {@link PriorityNotices} in Slack: Accept / Keep buttons in the ticket's thread, in its channel's language; the
 * answer to the leads, in their channel's.
 */
public final class SlackPriorityNotices implements PriorityNotices {
    private final TicketThread thread;
    private final LeadsChannel leads;
    private final Executor soon;
    private final Languages languages;
    private final String leadChannelId;

    /** @param leadChannelId the leads' channel, for their language; null when the team has none */
    public SlackPriorityNotices(TicketThread thread, LeadsChannel leads, Executor soon, Languages languages,
                                String leadChannelId) {
        this.thread = thread;
        this.leads = leads;
        this.soon = soon;
        this.languages = languages;
        this.leadChannelId = leadChannelId;
    }

    @Override
    public void askReporter(Ticket t, DowngradeProposal p, boolean reminder) {
        Words words = languages.channel(t.source().channel());
        String text = words.say("qualification.downgrade.ask", "reminder", reminder ? "yes" : "no",
                "reporter", Mention.of(t.reporter()), "lead", Mention.of(p.proposedBy()), "ticket", t.id(),
                "from", p.from(), "to", p.to(), "reason", SlackText.escape(p.reason()));
        // The whole reason is in the ticket's timeline (/ticket show).
        thread.postSoon(t.source(), SlackBlocks.messageText(text), List.of(
                SlackBlocks.section(text),
                actions(a -> a.elements(List.of(
                        SlackBlocks.button(LeadCommands.ACCEPT_ACTION, String.valueOf(p.id()),
                                words.say("qualification.downgrade.accept", "to", p.to()), null),
                        SlackBlocks.button(LeadCommands.KEEP_ACTION, String.valueOf(p.id()),
                                words.say("qualification.downgrade.keep", "from", p.from()), "primary"))))));
    }

    @Override
    public void reporterAnswered(Ticket t, DowngradeProposal p, boolean accepted, String reporter) {
        Words words = languages.channel(leadChannelId != null ? leadChannelId : t.source().channel());
        String text = words.say(accepted ? "qualification.downgrade.accepted" : "qualification.downgrade.kept",
                "reporter", Mention.of(reporter), "ticket", t.id(), "from", p.from(), "to", p.to());
        try {
            soon.execute(() -> leads.tell(t, text));
        } catch (RejectedExecutionException e) {
            // Shutting down: the timeline keeps the answer.
        }
    }
}
