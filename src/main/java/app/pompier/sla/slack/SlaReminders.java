package app.pompier.sla.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackErrors;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.TicketThread;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.SlaGoal;
import app.pompier.sla.SlaNotices;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketCards;
import app.pompier.ticket.Tickets;
import com.slack.api.model.block.LayoutBlock;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;

/**
 * SLA reminders in the ticket's thread, breaches to the leads, the card redrawn with the time left. Each is in the
 * language of where it is posted: the ticket's channel, the crisis cell, the leads' channel.
 */
public final class SlaReminders implements SlaNotices {
    private static final Logger log = LoggerFactory.getLogger(SlaReminders.class);
    /** The metadata event type that marks Pompier's reminders, so that a reminder can be found again. */
    static final String REMINDER_EVENT = "pompier_sla_reminder";

    private final SlackGateway slack;
    private final TicketThread thread;
    private final LeadsChannel leads;
    private final SlaWords words;
    private final TicketCards cards;
    private final Tickets tickets;
    private final RunningCrisisCell crisis;
    private final MeterRegistry metrics;
    private final Languages languages;
    private final String leadChannelId;

    /** @param leadChannelId the lead channel, whose language the leads are told a breach in; null when none */
    public SlaReminders(SlackGateway slack, TicketThread thread, LeadsChannel leads, SlaWords words, TicketCards cards,
                        Tickets tickets, RunningCrisisCell crisis, MeterRegistry metrics, Languages languages,
                        String leadChannelId) {
        this.languages = languages;
        this.leadChannelId = leadChannelId;
        this.crisis = crisis;
        this.metrics = metrics;
        this.slack = slack;
        this.thread = thread;
        this.leads = leads;
        this.words = words;
        this.cards = cards;
        this.tickets = tickets;
    }

    @Override
    public ChatPost remind(Ticket ticket, SlaGoal goal, GoalStatus status, int threshold, boolean mayBePosted) {
        Words say = languages.channel(ticket.source().channel());
        String text = reminder(say, ticket, status);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.section(text));
        if (ticket.assignee() == null && !ticket.hasEnded()) {
            // The card's Take button, in the thread's words.
            blocks.add(actions(a -> a.elements(List.of(SlackBlocks.button(CardBlocks.TAKE_ACTION,
                    ticket.id().toString(), say.say("sla.reminder.take"), null)))));
        }
        TicketThread.Posted posted = thread.postMarked(ticket.source(), REMINDER_EVENT, reminderPayload(ticket.key(), goal, ticket.priority(), threshold), mayBePosted,
                r -> r.text(text).blocks(blocks).unfurlLinks(false));
        if (!posted.ok()) {
            if (SlackErrors.threadGone(posted.error())) {
                log.error("ticket {}: {} reminder dropped, its thread is gone ({})", ticket.id(), goal.words(),
                        posted.error());
                return new ChatPost("", true);
            }
            throw new IllegalStateException("Slack refused the " + goal.words() + " reminder of " + ticket.id() + ": "
                    + posted.error());
        }
        if (posted.found()) {
            // Posted by the attempt a crash or a lost answer cut short: so was its copy, or it is lost for good.
            return new ChatPost(posted.ts(), true);
        }
        metrics.counter("pompier_sla_reminders_posted", "goal", goal.code(),
                "kind", threshold == 0 ? "breach" : "countdown").increment();
        // The reminder is posted: a copy to the crisis cell is a bonus whose failure must not repeat it.
        try {
            crisis.openChannelOf(ticket.key()).ifPresent(cell ->
                    slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(cell)
                            .text(reminder(languages.channel(cell), ticket, status)))));
        } catch (RuntimeException e) {
            log.warn("ticket {}: reminder not copied to its crisis cell: {}", ticket.id(), e.getMessage());
        }
        return new ChatPost(posted.ts(), false);
    }

    @Override
    public void withdraw(Ticket ticket, String ts) {
        thread.delete(ticket.source().channel(), ts, "a reminder of " + ticket.id());
    }

    private String reminder(Words say, Ticket ticket, GoalStatus status) {
        return SlaWords.icon(status) + " " + words.line(say, ticket, status);
    }

    private static Map<String, String> reminderPayload(long ticketKey, SlaGoal goal, Priority priority,
                                                       int threshold) {
        return Map.of("ticket", String.valueOf(ticketKey), "goal", goal.code(),
                "priority", priority == null ? "" : priority.name(), "threshold", String.valueOf(threshold));
    }

    @Override
    public void breached(Ticket ticket, SlaGoal goal, GoalStatus status) {
        Words say = leadsWords(ticket);
        String text = say.say("sla.breached", "line", words.line(say, ticket, status))
                + (ticket.permalink() != null ? " · <" + ticket.permalink() + "|" + say.say("sla.link.open_report")
                + ">" : "");
        leads.tell(ticket, text);
        metrics.counter("pompier_sla_breaches", "goal", goal.code()).increment();
    }

    /** Where the leads are told: their channel when the team has one, else the ticket's thread (as LeadsChannel). */
    private Words leadsWords(Ticket ticket) {
        return languages.channel(leadChannelId != null ? leadChannelId : ticket.source().channel());
    }

    @Override
    public void refreshCard(Ticket ticket) {
        tickets.byKey(ticket.key()).ifPresent(t -> {
            cards.redraw(t);
            crisis.refreshTopic(t);
        });
    }
}
