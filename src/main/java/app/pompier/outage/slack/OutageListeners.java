package app.pompier.outage.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.UserGroupRoles;
import app.pompier.outage.LinkingReports;
import app.pompier.ticket.TicketId;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;

import java.util.Optional;

/**
 * Grouped reports in Slack: the reply's <em>It's something else</em> button, the leads' <em>Confirm P1</em> button
 * on a probable P1, and {@code /ticket link INC-57 INC-42} and {@code /ticket unlink INC-57}. What they answer is
 * seen by the clicker or the typer alone, so it is in their language.
 */
public final class OutageListeners {
    private final LinkingReports linking;
    private final UserGroupRoles roles;
    private final PrivateAnswers answers;
    private final Languages languages;

    public OutageListeners(LinkingReports linking, UserGroupRoles roles, PrivateAnswers answers, Languages languages) {
        this.linking = linking;
        this.roles = roles;
        this.answers = answers;
        this.languages = languages;
    }

    public void register(App app) {
        app.blockAction(OutageWords.SOMETHING_ELSE_ACTION, (req, ctx) -> {
            answer(req.getPayload(), (team, id, user, words) -> id.isEmpty()
                    ? words.say("outage.button.no_ticket")
                    : words(linking.somethingElse(team, id.get(), user, roles::isSupport), words));
            return ctx.ack();
        });
        app.blockAction(OutageWords.CONFIRM_PROBABLE_P1_ACTION, (req, ctx) -> {
            answer(req.getPayload(), (team, id, user, words) -> {
                if (id.isEmpty()) {
                    return words.say("outage.probable_p1.no_ticket");
                }
                var outcome = linking.confirmProbableP1(team, id.get(), user, roles::isLead);
                return outcome instanceof LinkingReports.Confirmation.Refused refused ? words.say(refused.reason())
                        : words.say("outage.probable_p1.confirmed", "ticket", id.get().toString());
            });
            return ctx.ack();
        });
    }

    /** What one click does, given its workspace, the ticket its button names (if any), who clicked, their words. */
    @FunctionalInterface
    private interface Click {
        String answer(String team, Optional<TicketId> ticket, String user, Words words);
    }

    /** Runs a click and tells the clicker, only them, in the thread they clicked in, in their language. */
    private void answer(BlockActionPayload p, Click click) {
        String user = p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId() : null;
        String value = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
        answers.tellSoon(channel, p.getContainer() != null ? p.getContainer().getThreadTs() : null, user,
                click.answer(p.getTeam().getId(), TicketId.parse(value), user, languages.person(user, channel)));
    }

    /** {@code /ticket link INC-57 INC-42}, answered in the typer's language (else the team's). */
    public String link(String workspace, String reportText, String incidentText, String by) {
        return link(workspace, reportText, incidentText, by, null);
    }

    /** The same typed in {@code channelId}: answered in the typer's language, else that channel's. */
    public String link(String workspace, String reportText, String incidentText, String by, String channelId) {
        Words words = languages.person(by, channelId);
        Optional<TicketId> report = TicketId.parse(reportText);
        Optional<TicketId> incident = TicketId.parse(incidentText);
        if (report.isEmpty() || incident.isEmpty()) {
            return words.say("outage.link.usage");
        }
        return words(linking.link(workspace, report.get(), incident.get(), by, roles::isLead), words);
    }

    /** {@code /ticket unlink INC-57}, answered in the typer's language (else the team's). */
    public String unlink(String workspace, String reportText, String by) {
        return unlink(workspace, reportText, by, null);
    }

    /** The same typed in {@code channelId}: answered in the typer's language, else that channel's. */
    public String unlink(String workspace, String reportText, String by, String channelId) {
        Words words = languages.person(by, channelId);
        Optional<TicketId> report = TicketId.parse(reportText);
        if (report.isEmpty()) {
            return words.say("outage.unlink.usage");
        }
        return words(linking.unlink(workspace, report.get(), by, roles::isLead), words);
    }

    private static String words(LinkingReports.Outcome outcome, Words words) {
        if (outcome instanceof LinkingReports.Outcome.Linked linked) {
            return words.say("outage.linked", "report", linked.report().id().toString(),
                    "incident", linked.incident().id().toString());
        }
        if (outcome instanceof LinkingReports.Outcome.Unlinked unlinked) {
            return words.say("outage.unlinked", "report", unlinked.report().id().toString(),
                    "incident", unlinked.incident().id().toString());
        }
        return words.say(((LinkingReports.Outcome.Refused) outcome).reason());
    }
}
