package app.pompier.ticket.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackText;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.TakingTicket;
import app.pompier.ticket.TicketId;
import com.slack.api.bolt.App;

import java.util.Optional;

/** The Take button (card and reminders) and {@code /ticket take INC-42}. */
public final class TakeListeners {
    private final TakingTicket taking;
    private final SupportRoles roles;
    private final PrivateAnswers answers;

    public TakeListeners(TakingTicket taking, SupportRoles roles, PrivateAnswers answers) {
        this.taking = taking;
        this.roles = roles;
        this.answers = answers;
    }

    public void register(App app) {
        app.blockAction(CardBlocks.TAKE_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String user = p.getUser().getId();
            String ticket = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
            String channel = p.getChannel() != null ? p.getChannel().getId() : null;
            String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
            Optional<String> answer = take(p.getTeam().getId(), ticket, user);
            answers.tellSoon(channel, thread, user, answer.orElse("You have taken " + ticket + "."));
            return ctx.ack();
        });
    }

    /** Takes the ticket for {@code user}; empty when done, otherwise why not, in words they can act on. */
    public Optional<String> take(String workspace, String ticketText, String user) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return Optional.of("'" + SlackText.escape(String.valueOf(ticketText)) + "' is not a ticket id;"
                    + " write it like INC-42: `/ticket take INC-42`");
        }
        var outcome = taking.take(workspace, id.get(), user, roles::isSupport);
        if (outcome instanceof TakingTicket.Outcome.Taken) {
            return Optional.empty();
        }
        if (outcome instanceof TakingTicket.Outcome.AlreadyTaken already) {
            return Optional.of(id.get() + " is already taken by " + Mention.of(already.ticket().assignee())
                    + "; a support lead can reassign it.");
        }
        return Optional.of(((TakingTicket.Outcome.Refused) outcome).reason());
    }
}
