package app.pompier.qualification.slack;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.ticket.SupportRoles;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import com.slack.api.bolt.App;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The Qualify button, {@code /ticket qualify INC-42}, and the submitted dialog. The dialog is opened
 * before the ack, inside the trigger's 3 seconds; what follows a submission is posted after it. The dialog and its
 * refusals are in the language of the person who clicks (known without asking Slack, so within the ack).
 */
public final class QualificationListeners {
    private static final Logger log = LoggerFactory.getLogger(QualificationListeners.class);

    private final QualifyingTicket qualifying;
    private final QualificationDialog dialog;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final PrivateAnswers answers;
    private final Languages languages;

    public QualificationListeners(QualifyingTicket qualifying, QualificationDialog dialog, SupportRoles roles,
                                  SlackGateway slack, PrivateAnswers answers, Languages languages) {
        this.answers = answers;
        this.languages = languages;
        this.qualifying = qualifying;
        this.dialog = dialog;
        this.roles = roles;
        this.slack = slack;
    }

    public void register(App app) {
        app.blockAction(CardBlocks.QUALIFY_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String user = p.getUser().getId();
            String ticket = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
            String channel = p.getChannel() == null ? null : p.getChannel().getId();
            Optional<String> problem = openDialog(p.getTeam().getId(), ticket, user, channel, p.getTriggerId());
            if (problem.isPresent() && channel != null) {
                String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
                answers.tellSoon(channel, thread, user, problem.get());
            }
            return ctx.ack();
        });
        app.viewSubmission(QualificationDialog.CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            View view = p.getView();
            String user = p.getUser().getId();
            Optional<QualificationDialog.Context> context = QualificationDialog.readContext(view.getPrivateMetadata());
            Words words = languages.person(user, context.map(QualificationDialog.Context::channel).orElse(null));
            if (context.isEmpty()) {
                return ctx.ack(r -> r.responseAction("update").view(QualificationDialog.refusal(words,
                        words.say("qualification.dialog.refused.no_ticket"))));
            }
            QualificationDialog.Reading reading = dialog.read(view.getState(), context.get(), words);
            if (reading instanceof QualificationDialog.Reading.Invalid invalid) {
                return ctx.ack(r -> r.responseAction("errors").errors(invalid.errors()));
            }
            var answers = ((QualificationDialog.Reading.Valid) reading).answers();
            var outcome = qualifying.qualify(p.getTeam().getId(), context.get().ticket(), answers,
                    QualificationDialog.category(view.getState()), user, roles::isSupport,
                    context.get().revision(), view.getId());
            if (outcome instanceof QualifyingTicket.Outcome.Refused refused) {
                return ctx.ack(r -> r.responseAction("update").view(QualificationDialog.refusal(words,
                        SlackText.escape(words.say(refused.why())))));
            }
            return ctx.ack();
        });
    }

    /**
     * Opens the dialog for {@code ticketText} if {@code user} may qualify it; otherwise says why, in words
     * the user can act on, in their language (else their team's).
     */
    public Optional<String> openDialog(String workspace, String ticketText, String user, String triggerId) {
        return openDialog(workspace, ticketText, user, null, triggerId);
    }

    /** The same, from {@code channel}: in the user's language, else that channel's. */
    public Optional<String> openDialog(String workspace, String ticketText, String user, String channel,
                                      String triggerId) {
        Words words = languages.person(user, channel);
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return Optional.of(words.say("qualification.open.not_an_id",
                    "text", SlackText.escape(String.valueOf(ticketText))));
        }
        Optional<Ticket> ticket = qualifying.find(workspace, id.get());
        if (ticket.isEmpty()) {
            return Optional.of(words.say("qualification.refused.unknown_ticket", "ticket", id.get()));
        }
        Optional<Phrase> refusal = qualifying.refusal(ticket.get(), user, roles::isSupport);
        if (refusal.isPresent()) {
            return refusal.map(words::say);
        }
        View view = dialog.build(ticket.get(), qualifying.latestAnswers(ticket.get()), words);
        try {
            ViewsOpenResponse opened = slack.callOnce("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
            if (opened.isOk()) {
                return Optional.empty();
            }
            return Optional.of("expired_trigger_id".equals(opened.getError())
                    ? words.say("qualification.open.expired")
                    : words.say("qualification.open.failed", "error", opened.getError()));
        } catch (SlackUnavailableException e) {
            return Optional.of(words.say("qualification.open.unavailable"));
        }
    }
}
