package app.pompier.leads.slack;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackText;
import app.pompier.ticket.slack.TicketLine;
import app.pompier.ticket.SupportRoles;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.qualification.ChangingPriority;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.Priority;
import app.pompier.ticket.ShowingTicket;
import app.pompier.ticket.TakingTicket;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.model.block.LayoutBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;


/**
 * What leads (and support) ask of {@code /ticket}: the queue, a ticket, assignment, priorities with the
 * reporter's consent to a downgrade, reopening. Every answer is for the asker only, in the words the caller chose
 * for them ({@code languages.person(user, channel)}).
 */
public final class LeadCommands {
    private static final Logger log = LoggerFactory.getLogger(LeadCommands.class);
    public static final String ACCEPT_ACTION = "downgrade_accept";
    public static final String KEEP_ACTION = "downgrade_keep";
    /** Tickets a list shows: read before Slack's ack, so never many. */
    private static final int SHOWN = 40;

    private final Tickets tickets;
    private final ChangingPriority priorities;
    private final ChangingState states;
    private final TakingTicket taking;
    private final SupportRoles roles;
    private final ReadingSla sla;
    private final TicketLine lines;
    private final PrivateAnswers answers;
    private final ShowingTicket showing;
    private final Executor soon;
    private final Languages languages;

    public LeadCommands(Tickets tickets, ChangingPriority priorities, ChangingState states, TakingTicket taking,
                        SupportRoles roles, ReadingSla sla, TicketLine lines, Languages languages,
                        PrivateAnswers answers, ShowingTicket showing, Executor soon) {
        this.languages = languages;
        this.showing = showing;
        this.soon = soon;
        this.tickets = tickets;
        this.priorities = priorities;
        this.states = states;
        this.taking = taking;
        this.roles = roles;
        this.sla = sla;
        this.lines = lines;
        this.answers = answers;
    }

    public void register(App app) {
        app.blockAction(ACCEPT_ACTION, (req, ctx) -> answer(req.getPayload(), true, ctx));
        app.blockAction(KEEP_ACTION, (req, ctx) -> answer(req.getPayload(), false, ctx));
    }

    private com.slack.api.bolt.response.Response answer(
            com.slack.api.app_backend.interactive_components.payload.BlockActionPayload p, boolean accepted,
            com.slack.api.bolt.context.builtin.ActionContext ctx) {
        String user = p.getUser().getId();
        String channel = p.getChannel() == null ? null : p.getChannel().getId();
        Words say = languages.person(user, channel);
        long proposal = Long.parseLong(p.getActions().get(0).getValue());
        var outcome = priorities.answer(proposal, accepted, user);
        String reply;
        if (outcome instanceof ChangingPriority.Outcome.Changed changed) {
            reply = say.say("leads.downgrade.accepted", "ticket", changed.after().id(),
                    "priority", changed.after().priority().name());
        } else if (outcome instanceof ChangingPriority.Outcome.Proposed kept) {
            reply = say.say("leads.downgrade.kept", "ticket", kept.ticket().id(),
                    "priority", kept.proposal().from().name());
        } else {
            reply = refused(say, ((ChangingPriority.Outcome.Refused) outcome).why());
        }
        answers.tellSoon(channel, null, user, reply);
        return ctx.ack();
    }

    /** The queue, filtered: open (default), mine, p1, breached, unassigned. */
    public List<LayoutBlock> list(Words say, String workspace, String filter, String user) {
        String f = filter == null ? "open" : filter.toLowerCase(Locale.ROOT);
        if (!List.of("open", "mine", "p1", "breached", "unassigned").contains(f)) {
            return text(say.say("leads.list.not_a_list", "typed", SlackText.escape(f)));
        }
        List<String> lines = new ArrayList<>();
        int more = 0;
        // This runs before Slack's ack: read each ticket's SLA only when it is shown or filtered on, 40 at most. The
        // queue is read as far as the Home tab reads it, so that the count of those not shown holds.
        for (Ticket t : tickets.queue(workspace, 500)) {
            boolean keep = switch (f) {
                case "mine" -> user.equals(t.assignee()) || user.equals(t.reporter());
                case "p1" -> t.priority() == Priority.P1;
                case "unassigned" -> t.assignee() == null;
                default -> true;
            };
            if (!keep) {
                continue;
            }
            if (lines.size() >= SHOWN) {
                // Breaches past the 40th are not read: /sla lists them all.
                more += f.equals("breached") ? 0 : 1;
                continue;
            }
            var statuses = sla.statuses(t).values();
            if (f.equals("breached") && statuses.stream().noneMatch(GoalStatus::breached)) {
                continue;
            }
            lines.add(this.lines.of(say, t, statuses, false));
        }
        if (lines.isEmpty()) {
            return text(say.say("leads.list.none", "filter", f));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.section(say.say("leads.list.title", "filter", f)));
        blocks.addAll(SlackBlocks.lines(say, lines, lines.size() + more, 10, SlackBlocks.MESSAGE_BLOCKS - 1, null));
        return blocks;
    }

    /**
     * {@code /ticket show INC-42}, answered in the ack when it can be without asking Slack (the asker may see it
     * wherever it was reported, or its channel's privacy is known); empty when Slack must say whether the channel is
     * public: {@link #showSoon} answers then.
     */
    public Optional<List<LayoutBlock>> showNow(Words say, String workspace, String ticketText, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return Optional.of(text(say.say("leads.show.usage")));
        }
        return showing.showNow(workspace, id.get(), user, roles::isSupport).map(sight -> sight(say, sight));
    }

    /** The same after Slack's request was answered, through the command's response URL (only the asker sees it). */
    public void showSoon(Words say, String workspace, String ticketText, String user, SlashCommandContext ctx) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return;
        }
        try {
            soon.execute(() -> {
                List<LayoutBlock> blocks = sight(say, showing.show(workspace, id.get(), user, roles::isSupport));
                try {
                    var sent = ctx.respond(r -> r.responseType("ephemeral").blocks(blocks));
                    if (sent.getCode() != 200) {
                        log.warn("/ticket show {}: Slack's response URL answered {}", id.get(), sent.getCode());
                    }
                } catch (IOException e) {
                    log.warn("/ticket show {}: the answer could not reach Slack's response URL: {}", id.get(),
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: /ticket show {} is not answered", id.get());
        }
    }

    /** What {@code /ticket show} answers for what its asker may see. */
    public List<LayoutBlock> sight(Words say, ShowingTicket.Sight sight) {
        if (sight instanceof ShowingTicket.Sight.NotFound notFound) {
            return text(say.say("leads.show.not_found", "ticket", notFound.id()));
        }
        if (sight instanceof ShowingTicket.Sight.Hidden hidden) {
            return text(say.say("leads.show.hidden", "ticket", hidden.id()));
        }
        var shown = (ShowingTicket.Sight.Shown) sight;
        Ticket ticket = shown.ticket();
        List<LayoutBlock> blocks = new ArrayList<>();
        // The ticket's line links to the whole report.
        blocks.add(SlackBlocks.section(lines.of(say, ticket) + "\n> "
                + SlackText.escapedExcerpt(ticket.text(), 280).replace("\n", "\n> ")));
        if (ticket.priorityReason() != null) {
            blocks.add(SlackBlocks.context(say.say("leads.show.priority", "priority", CardBlocks.priority(say, ticket),
                    "reason", SlackText.escape(ticket.priorityReason()))));
        }
        List<TimelineEntry> timeline = shown.timeline();
        List<String> history = new ArrayList<>(List.of(say.say("leads.show.timeline")));
        // What happened is said in the reader's words; its detail is what was recorded then, as it was written.
        timeline.subList(Math.max(0, timeline.size() - 12), timeline.size()).stream()
                .map(e -> say.say("leads.show.event", "when", say.when(e.at()), "kind", e.kind(),
                        "written", e.kind().replace('_', ' '), "by", e.actor() == null ? "none" : Mention.of(e.actor()),
                        "detailed", e.detail() == null ? "no" : "yes",
                        "detail", e.detail() == null ? "" : SlackText.escapedExcerpt(e.detail(), 120)))
                .forEach(history::add);
        blocks.addAll(SlackBlocks.lines(say, history, Integer.MAX_VALUE, 3, null));
        return blocks;
    }

    public String assign(Words say, String workspace, String ticketText, String mention, String by) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        Optional<String> assignee = Mention.typed(mention);
        if (id.isEmpty() || assignee.isEmpty()) {
            return say.say("leads.assign.usage");
        }
        var outcome = taking.assign(workspace, id.get(), assignee.get(), by, roles::isLead);
        if (outcome instanceof TakingTicket.Outcome.Taken) {
            return say.say("leads.assign.done", "ticket", id.get(), "who", Mention.of(assignee.get()));
        }
        return refused(say, ((TakingTicket.Outcome.Refused) outcome).why());
    }

    /** {@code priority} and {@code downgrade}: a raise applies, a lowering of a claimed priority is proposed. */
    public String priority(Words say, String workspace, String ticketText, String priorityText, String reason,
                           String by) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        Priority to;
        try {
            to = Priority.valueOf(String.valueOf(priorityText).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            to = null;
        }
        if (id.isEmpty() || to == null) {
            return say.say("leads.priority.usage");
        }
        var outcome = priorities.set(workspace, id.get(), to, reason, by, roles::isLead);
        if (outcome instanceof ChangingPriority.Outcome.Changed) {
            return say.say("leads.priority.done", "ticket", id.get(), "priority", to.name());
        }
        if (outcome instanceof ChangingPriority.Outcome.Proposed proposed) {
            return say.say("leads.priority.proposed", "claimed", proposed.proposal().from().name(),
                    "reporter", Mention.of(proposed.ticket().reporter()), "priority", to.name());
        }
        return refused(say, ((ChangingPriority.Outcome.Refused) outcome).why());
    }

    public String confirm(Words say, String workspace, String ticketText, String by) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return say.say("leads.confirm.usage");
        }
        var outcome = priorities.confirm(workspace, id.get(), by, roles::isLead);
        if (outcome instanceof ChangingPriority.Outcome.Changed) {
            return say.say("leads.confirm.done", "ticket", id.get());
        }
        return refused(say, ((ChangingPriority.Outcome.Refused) outcome).why());
    }

    public String reopen(Words say, String workspace, String ticketText, String reason, String by) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return say.say("leads.reopen.usage");
        }
        var outcome = states.reopen(workspace, id.get(), reason, by, roles::isLead);
        if (outcome instanceof ChangingState.Outcome.Changed) {
            return say.say("leads.reopen.done", "ticket", id.get());
        }
        return refused(say, ((ChangingState.Outcome.Refused) outcome).why());
    }

    /**
     * A refusal the domain decided, with its full stop. The domain still words it in English here; once its outcomes
     * carry a {@code Phrase}, this says it in the asker's words ({@code say.say(refused.why())}).
     */
    private static String refused(Words say, Phrase why) {
        return say.say(why) + ".";
    }

    private static List<LayoutBlock> text(String text) {
        return List.of(SlackBlocks.section(text));
    }

}
