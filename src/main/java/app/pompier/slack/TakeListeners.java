package app.pompier.slack;

import app.pompier.ticket.TakingTicket;
import app.pompier.ticket.TicketId;
import com.slack.api.bolt.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** The Take button (card and reminders) and {@code /ticket take INC-42}. */
public final class TakeListeners {
    private static final Logger log = LoggerFactory.getLogger(TakeListeners.class);

    private final TakingTicket taking;
    private final SupportRoles roles;
    private final TicketFollowUps changes;
    private final SlackGateway slack;
    private final ExecutorService followUps;

    public TakeListeners(TakingTicket taking, SupportRoles roles, TicketFollowUps changes, SlackGateway slack,
                         ExecutorService followUps) {
        this.taking = taking;
        this.roles = roles;
        this.changes = changes;
        this.slack = slack;
        this.followUps = followUps;
    }

    public void register(App app) {
        app.blockAction(TicketCard.TAKE_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String user = p.getUser().getId();
            String ticket = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
            String channel = p.getChannel() != null ? p.getChannel().getId() : null;
            String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
            Optional<String> answer = take(p.getTeam().getId(), ticket, user);
            if (channel != null) {
                followUps.execute(() -> {
                    try {
                        slack.call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel).user(user)
                                .threadTs(thread).text(answer.orElse("You have taken " + ticket + "."))));
                    } catch (SlackUnavailableException e) {
                        log.warn("could not answer {} about taking {}: {}", user, ticket, e.getMessage());
                    }
                });
            }
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
        if (outcome instanceof TakingTicket.Outcome.Taken taken) {
            changes.changed(taken.ticket().key(), null);
            return Optional.empty();
        }
        if (outcome instanceof TakingTicket.Outcome.AlreadyTaken already) {
            return Optional.of(id.get() + " is already taken by " + TicketCard.person(already.ticket().assignee())
                    + "; a support lead can reassign it.");
        }
        return Optional.of(((TakingTicket.Outcome.Refused) outcome).reason());
    }
}
