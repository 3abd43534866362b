package app.pompier.slack;

import com.slack.api.bolt.App;

import java.util.Locale;

/** {@code /ticket}: a subcommand per word; a typo or a missing argument gets the right syntax back. */
public final class TicketCommand {
    public static final String COMMAND = "/ticket";
    static final String HELP = """
            *Pompier* — `/ticket` commands:
            • `/ticket qualify INC-42` — open the qualification dialog of a ticket (its reporter or support)
            • `/ticket take INC-42` — take a ticket in (support)
            • `/ticket state INC-42 waiting|in_progress|resolved` — move a ticket along (support; waiting pauses the SLA)
            • `/ticket close INC-42` — close a ticket and archive its crisis cell (leads)
            • `/ticket commander INC-42 @someone` — name the commander of a crisis cell (leads)
            • `/sla [hours]` — what falls due in the next business hours, and what has breached
            • `/ticket help` — this list
            To open a ticket, write in a support channel, mention @Pompier, add a :ticket: reaction to a message, \
            or use the message shortcut *Create ticket*.""";

    private final QualificationListeners qualification;
    private final TakeListeners take;
    private final StateChanges states;

    public TicketCommand(QualificationListeners qualification, TakeListeners take, StateChanges states) {
        this.qualification = qualification;
        this.take = take;
        this.states = states;
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
                case "state" -> ctx.ack(states.state(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "close" -> ctx.ack(states.close(p.getTeamId(), arg(words, 1), p.getUserId()));
                case "commander" -> ctx.ack(states.commander(p.getTeamId(), arg(words, 1), arg(words, 2),
                        p.getUserId()));
                default -> ctx.ack("I don't know `/ticket " + SlackText.escape(words[0]) + "`.\n" + HELP);
            };
        });
    }

    private static String arg(String[] words, int i) {
        return words.length > i ? words[i] : null;
    }
}
