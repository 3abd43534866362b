package app.pompier.ticket.slack;

import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.leads.slack.LeadCommands;
import app.pompier.outage.slack.OutageListeners;
import app.pompier.qualification.slack.QualificationListeners;
import com.slack.api.bolt.App;

import java.util.Locale;

/** {@code /ticket}: a subcommand per word; a typo or a missing argument gets the right syntax back. */
public final class TicketCommand {
    public static final String COMMAND = "/ticket";
    static final String HELP = """
            *Pompier* — `/ticket` commands:
            • `/ticket list [open|mine|p1|breached|unassigned]` — the queue, by priority then deadline
            • `/ticket show INC-42` — a ticket and its timeline (from a private channel or a DM: its reporter, assignee and support)
            • `/ticket qualify INC-42` — open the qualification dialog of a ticket (its reporter or support)
            • `/ticket take INC-42` — take a ticket in (support)
            • `/ticket state INC-42 waiting|in_progress|resolved` — move a ticket along (support; waiting pauses the SLA)
            • `/ticket assign INC-42 @someone` — give a ticket to someone (leads)
            • `/ticket priority INC-42 P1|P2|P3 <reason>` — raise at once; lower with a reason (leads)
            • `/ticket downgrade INC-42 P2 <reason>` — propose to the reporter to lower the priority they claimed (leads)
            • `/ticket category INC-42 functional|interfaces|database|code|infrastructure|network_security` — route it (leads)
            • `/ticket confirm INC-42` — confirm a P1 the reporter claimed: it opens a crisis cell (leads)
            • `/ticket reopen INC-42 <reason>` — reopen a resolved or closed ticket (leads)
            • `/ticket close INC-42` — close a ticket and archive its crisis cell (leads)
            • `/ticket commander INC-42 @someone` — name the commander of a crisis cell (leads)
            • `/ticket link INC-57 INC-42` — make INC-57 a related report of the incident INC-42 (leads)
            • `/ticket unlink INC-57` — make a related report a ticket of its own (leads)
            • `/sla [hours]` — what falls due in the next business hours, and what has breached
            • `/ticket help` — this list
            To open a ticket, write in a support channel, mention @Pompier, add a :ticket: reaction to a message, \
            or use the message shortcut *Create ticket*.""";

    private final QualificationListeners qualification;
    private final TakeListeners take;
    private final StateChanges states;
    private final LeadCommands leads;
    private final OutageListeners outage;

    public TicketCommand(QualificationListeners qualification, TakeListeners take, StateChanges states,
                         LeadCommands leads, OutageListeners outage) {
        this.outage = outage;
        this.qualification = qualification;
        this.take = take;
        this.states = states;
        this.leads = leads;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            String[] words = p.getText() == null ? new String[0] : p.getText().trim().split("\\s+");
            String sub = words.length == 0 ? "" : words[0].toLowerCase(Locale.ROOT);
            return switch (sub) {
                case "", "help" -> ctx.ack(HELP);
                case "qualify" -> {
                    if (words.length < 2) {
                        yield ctx.ack("Which ticket? `/ticket qualify INC-42`");
                    }
                    var problem = qualification.openDialog(p.getTeamId(), words[1], p.getUserId(), p.getTriggerId());
                    yield problem.isPresent() ? ctx.ack(problem.get()) : ctx.ack();
                }
                case "take" -> {
                    if (words.length < 2) {
                        yield ctx.ack("Which ticket? `/ticket take INC-42`");
                    }
                    var problem = take.take(p.getTeamId(), words[1], p.getUserId());
                    yield ctx.ack(problem.orElse("You have taken " + words[1].toUpperCase(Locale.ROOT) + "."));
                }
                case "list" -> ctx.ack(r -> r.responseType("ephemeral")
                        .blocks(leads.list(p.getTeamId(), arg(words, 1), p.getUserId())));
                case "show" -> {
                    var now = leads.showNow(p.getTeamId(), arg(words, 1), p.getUserId());
                    if (now.isPresent()) {
                        yield ctx.ack(r -> r.responseType("ephemeral").blocks(now.get()));
                    }
                    // Only Slack can say whether the ticket's channel is public: asked after the ack.
                    leads.showSoon(p.getTeamId(), arg(words, 1), p.getUserId(), ctx);
                    yield ctx.ack();
                }
                case "assign" -> ctx.ack(leads.assign(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "priority", "downgrade" -> ctx.ack(leads.priority(p.getTeamId(), arg(words, 1), arg(words, 2),
                        rest(words, 3), p.getUserId()));
                case "category" -> ctx.ack(states.category(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "confirm" -> ctx.ack(leads.confirm(p.getTeamId(), arg(words, 1), p.getUserId()));
                case "reopen" -> ctx.ack(leads.reopen(p.getTeamId(), arg(words, 1), rest(words, 2), p.getUserId()));
                case "state" -> ctx.ack(states.state(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "close" -> ctx.ack(states.close(p.getTeamId(), arg(words, 1), p.getUserId()));
                case "commander" -> ctx.ack(states.commander(p.getTeamId(), arg(words, 1), arg(words, 2),
                        p.getUserId()));
                case "link" -> ctx.ack(outage.link(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "unlink" -> ctx.ack(outage.unlink(p.getTeamId(), arg(words, 1), p.getUserId()));
                default -> ctx.ack(SlackBlocks.messageText("I don't know `/ticket " + SlackText.escape(words[0])
                        + "`.\n" + HELP));
            };
        });
    }

    private static String rest(String[] words, int from) {
        return words.length > from ? String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)) : null;
    }

    private static String arg(String[] words, int i) {
        return words.length > i ? words[i] : null;
    }
}
