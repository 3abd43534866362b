package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackText;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.TakingTicket;
import app.pompier.ticket.TicketId;
import com.slack.api.bolt.App;

import java.util.Locale;
import java.util.Optional;

/**
 * The Take button (card and reminders) and {@code /ticket take INC-42}. Only the person who clicked or typed reads
 * the answer: it is in their language.
 */
public final class TakeListeners {
    private final TakingTicket taking;
    private final SupportRoles roles;
    private final PrivateAnswers answers;
    private final Languages languages;

    public TakeListeners(TakingTicket taking, SupportRoles roles, PrivateAnswers answers, Languages languages) {
        this.taking = taking;
        this.roles = roles;
        this.answers = answers;
        this.languages = languages;
    }

    public void register(App app) {
        app.blockAction(CardBlocks.TAKE_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String user = p.getUser().getId();
            String ticket = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
            String channel = p.getChannel() != null ? p.getChannel().getId() : null;
            String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
            answers.tellSoon(channel, thread, user, answer(p.getTeam().getId(), ticket, user, channel, ticket));
            return ctx.ack();
        });
    }

    /**
     * Takes the ticket for {@code user} and says how it went, in their language where they are ({@code channel}):
     * "You have taken INC-42.", or why not.
     */
    public String answer(String workspace, String ticketText, String user, String channel) {
        return answer(workspace, ticketText, user, channel,
                ticketText == null ? null : ticketText.toUpperCase(Locale.ROOT));
    }

    private String answer(String workspace, String ticketText, String user, String channel, String shown) {
        Words say = languages.person(user, channel);
        return take(workspace, ticketText, user, say).orElseGet(() -> say.say("ticket.take.done", "ticket", shown));
    }

    /** Takes the ticket for {@code user}; empty when done, otherwise why not, in words they can act on. */
    public Optional<String> take(String workspace, String ticketText, String user) {
        return take(workspace, ticketText, user, languages.person(user));
    }

    /** The same, said in the language {@code user} reads where they are ({@code channel}). */
    public Optional<String> take(String workspace, String ticketText, String user, String channel) {
        return take(workspace, ticketText, user, languages.person(user, channel));
    }

    private Optional<String> take(String workspace, String ticketText, String user, Words say) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return Optional.of(say.say("ticket.take.not_an_id", "typed", SlackText.escape(String.valueOf(ticketText))));
        }
        var outcome = taking.take(workspace, id.get(), user, roles::isSupport);
        if (outcome instanceof TakingTicket.Outcome.Taken) {
            return Optional.empty();
        }
        if (outcome instanceof TakingTicket.Outcome.AlreadyTaken already) {
            return Optional.of(say.say("ticket.take.already_taken", "ticket", id.get(),
                    "who", Mention.of(already.ticket().assignee(), say)));
        }
        return Optional.of(say.say(((TakingTicket.Outcome.Refused) outcome).why()));
    }
}
