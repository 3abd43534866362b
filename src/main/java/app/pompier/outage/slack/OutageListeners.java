package app.pompier.outage.slack;

import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.UserGroupRoles;
import app.pompier.outage.LinkingReports;
import app.pompier.ticket.TicketId;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;

import java.util.Optional;

/**
 * Grouped reports in Slack: the reply's <em>It's something else</em> button, the leads' <em>Confirm P1</em> button
 * on a probable P1, and {@code /ticket link INC-57 INC-42} and {@code /ticket unlink INC-57}.
 */
public final class OutageListeners {
    private final LinkingReports linking;
    private final UserGroupRoles roles;
    private final PrivateAnswers answers;

    public OutageListeners(LinkingReports linking, UserGroupRoles roles, PrivateAnswers answers) {
        this.linking = linking;
        this.roles = roles;
        this.answers = answers;
    }

    public void register(App app) {
        app.blockAction(OutageWords.SOMETHING_ELSE_ACTION, (req, ctx) -> {
            answer(req.getPayload(), (team, id, user) -> id.isEmpty()
                    ? "This button names no ticket; use `/ticket show` to find yours."
                    : words(linking.somethingElse(team, id.get(), user, roles::isSupport)));
            return ctx.ack();
        });
        app.blockAction(OutageWords.CONFIRM_PROBABLE_P1_ACTION, (req, ctx) -> {
            answer(req.getPayload(), (team, id, user) -> {
                if (id.isEmpty()) {
                    return "This button names no ticket.";
                }
                var outcome = linking.confirmProbableP1(team, id.get(), user, roles::isLead);
                return outcome instanceof LinkingReports.Confirmation.Refused refused ? refused.reason()
                        : id.get() + " is a confirmed P1: its crisis cell opens.";
            });
            return ctx.ack();
        });
    }

    /** What one click does, given its workspace, the ticket its button names (if any) and who clicked. */
    @FunctionalInterface
    private interface Click {
        String answer(String team, Optional<TicketId> ticket, String user);
    }

    /** Runs a click and tells the clicker, only them, in the thread they clicked in. */
    private void answer(BlockActionPayload p, Click click) {
        String user = p.getUser().getId();
        String value = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
        answers.tellSoon(p.getChannel() != null ? p.getChannel().getId() : null,
                p.getContainer() != null ? p.getContainer().getThreadTs() : null, user,
                click.answer(p.getTeam().getId(), TicketId.parse(value), user));
    }

    /** {@code /ticket link INC-57 INC-42}. */
    public String link(String workspace, String reportText, String incidentText, String by) {
        Optional<TicketId> report = TicketId.parse(reportText);
        Optional<TicketId> incident = TicketId.parse(incidentText);
        if (report.isEmpty() || incident.isEmpty()) {
            return "Write it like `/ticket link INC-57 INC-42`: the report first, then the incident it belongs to.";
        }
        return words(linking.link(workspace, report.get(), incident.get(), by, roles::isLead));
    }

    /** {@code /ticket unlink INC-57}. */
    public String unlink(String workspace, String reportText, String by) {
        Optional<TicketId> report = TicketId.parse(reportText);
        if (report.isEmpty()) {
            return "Write it like `/ticket unlink INC-57`.";
        }
        return words(linking.unlink(workspace, report.get(), by, roles::isLead));
    }

    private static String words(LinkingReports.Outcome outcome) {
        if (outcome instanceof LinkingReports.Outcome.Linked linked) {
            return linked.report().id() + " is now a related report of " + linked.incident().id()
                    + ": its reporter is told, and hears what becomes of " + linked.incident().id() + ".";
        }
        if (outcome instanceof LinkingReports.Outcome.Unlinked unlinked) {
            return unlinked.report().id() + " is a ticket of its own, no longer part of " + unlinked.incident().id()
                    + "; its card follows in its thread.";
        }
        return ((LinkingReports.Outcome.Refused) outcome).reason();
    }
}
