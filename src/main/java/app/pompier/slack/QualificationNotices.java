package app.pompier.slack;

import app.pompier.qualification.QualifyingTicket;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;

import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** What Pompier says after a qualification: to the reporter in the thread, and to the leads when needed. */
public final class QualificationNotices {
    private final SlackGateway slack;
    private final SupportRoles roles;
    private final String leadChannelId;

    public QualificationNotices(SlackGateway slack, SupportRoles roles, String leadChannelId) {
        this.slack = slack;
        this.roles = roles;
        this.leadChannelId = leadChannelId;
    }

    public void afterQualification(QualifyingTicket.Outcome.Recorded recorded) {
        Ticket t = recorded.ticket();
        String reporter = TicketCard.person(t.reporter());
        if (!recorded.missing().isEmpty()) {
            String text = reporter + " to investigate *" + t.id() + "*, support still needs:\n• "
                    + String.join("\n• ", recorded.missing());
            inThread(t, text, List.of(section(s -> s.text(markdownText(text))),
                    actions(a -> a.elements(List.of(TicketCard.qualifyButton(t))))));
        } else if (t.state() == TicketState.QUALIFIED) {
            String text = "*" + t.id() + "* is qualified: *" + TicketCard.priority(t) + "*. "
                    + SlackText.escape(recorded.decision().reason()) + ". Support takes it from here.";
            inThread(t, text, null);
        }
        if (recorded.claimAbovePolicy()) {
            String claimed = t.claimedPriority().name();
            inThread(t, reporter + " you claimed *" + claimed + "*; the policy gives *" + t.qualifiedPriority()
                    + "* (" + SlackText.escape(recorded.decision().reason()) + "). Your " + claimed
                    + " stands, unconfirmed, until a support lead reviews it.", null);
            tellLeads(t, "*" + t.id() + "*: " + reporter + " claims *" + claimed + "*, the policy gives *"
                    + t.qualifiedPriority() + "* (" + SlackText.escape(recorded.decision().reason()) + "). The claim"
                    + " stands, unconfirmed: confirm it or propose a downgrade."
                    + (t.permalink() != null ? " <" + t.permalink() + "|Open the report>" : ""));
        }
    }

    private void tellLeads(Ticket t, String text) {
        if (leadChannelId != null) {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(leadChannelId).text(text)
                    .unfurlLinks(false)));
        } else {
            String who = roles.leadGroupId() != null ? "<!subteam^" + roles.leadGroupId() + "> " : "Support leads: ";
            inThread(t, who + text, null);
        }
    }

    private void inThread(Ticket t, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(t.source().channel())
                .threadTs(t.source().answerThread()).text(text).blocks(blocks).unfurlLinks(false)));
    }
}
