package app.pompier.qualification.slack;

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
 * before the ack, inside the trigger's 3 seconds; what follows a submission is posted after it.
 */
public final class QualificationListeners {
    private static final Logger log = LoggerFactory.getLogger(QualificationListeners.class);

    private final QualifyingTicket qualifying;
    private final QualificationDialog dialog;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final PrivateAnswers answers;

    public QualificationListeners(QualifyingTicket qualifying, QualificationDialog dialog, SupportRoles roles,
                                  SlackGateway slack, PrivateAnswers answers) {
        this.answers = answers;
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
            Optional<String> problem = openDialog(p.getTeam().getId(), ticket, user, p.getTriggerId());
            if (problem.isPresent() && p.getChannel() != null) {
                String channel = p.getChannel().getId();
                String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
                answers.tellSoon(channel, thread, user, problem.get());
            }
            return ctx.ack();
        });
        app.viewSubmission(QualificationDialog.CALLBACK_ID, (req, ctx) -> {
            var p = req.getPayload();
            View view = p.getView();
            Optional<QualificationDialog.Context> context = QualificationDialog.readContext(view.getPrivateMetadata());
            if (context.isEmpty()) {
                return ctx.ack(r -> r.responseAction("update").view(QualificationDialog.refusal("Cannot qualify",
                        "This dialog does not name its ticket. Close it and click *Qualify* on the ticket again.")));
            }
            QualificationDialog.Reading reading = dialog.read(view.getState(), context.get());
            if (reading instanceof QualificationDialog.Reading.Invalid invalid) {
                return ctx.ack(r -> r.responseAction("errors").errors(invalid.errors()));
            }
            var answers = ((QualificationDialog.Reading.Valid) reading).answers();
            var outcome = qualifying.qualify(p.getTeam().getId(), context.get().ticket(), answers,
                    QualificationDialog.category(view.getState()), p.getUser().getId(), roles::isSupport,
                    context.get().revision(), view.getId());
            if (outcome instanceof QualifyingTicket.Outcome.Refused refused) {
                return ctx.ack(r -> r.responseAction("update").view(QualificationDialog.refusal("Cannot qualify",
                        SlackText.escape(refused.reason()))));
            }
            return ctx.ack();
        });
    }

    /**
     * Opens the dialog for {@code ticketText} if {@code user} may qualify it; otherwise says why, in words
     * the user can act on.
     */
    public Optional<String> openDialog(String workspace, String ticketText, String user, String triggerId) {
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return Optional.of("'" + SlackText.escape(String.valueOf(ticketText)) + "' is not a ticket id;"
                    + " write it like INC-42: `/ticket qualify INC-42`");
        }
        Optional<Ticket> ticket = qualifying.find(workspace, id.get());
        if (ticket.isEmpty()) {
            return Optional.of(id.get() + " does not exist; check the ticket id");
        }
        Optional<String> refusal = qualifying.refusal(ticket.get(), user, roles::isSupport);
        if (refusal.isPresent()) {
            return refusal;
        }
        View view = dialog.build(ticket.get(), qualifying.latestAnswers(ticket.get()));
        try {
            ViewsOpenResponse opened = slack.callOnce("views.open", m -> m.viewsOpen(r -> r.triggerId(triggerId).view(view)));
            if (opened.isOk()) {
                return Optional.empty();
            }
            return Optional.of("expired_trigger_id".equals(opened.getError())
                    ? "Slack took too long to open the dialog; please try again."
                    : "Slack could not open the dialog (" + opened.getError() + "); please try again.");
        } catch (SlackUnavailableException e) {
            return Optional.of("Slack is not answering right now, so the dialog could not open; please try again.");
        }
    }
}
