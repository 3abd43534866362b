package app.pompier.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.ticket.Ticket;
import com.slack.api.model.block.LayoutBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where support leads are told what needs them: the lead channel when the team has one, otherwise the ticket's
 * thread, mentioning the lead group (or addressed to "Support leads" when the team named no group). What they are
 * told is in the language of where it is posted: {@link #words(Ticket)}.
 */
public final class LeadsChannel {
    private static final Logger log = LoggerFactory.getLogger(LeadsChannel.class);

    private final SlackGateway slack;
    private final TicketThread thread;
    private final String leadChannelId;
    private final String leadGroupId;
    private final Languages languages;

    /**
     * @param leadChannelId the lead channel; null when the team has none
     * @param leadGroupId   the lead user group, for a mention; null when the team named none
     */
    public LeadsChannel(SlackGateway slack, TicketThread thread, String leadChannelId, String leadGroupId,
                        Languages languages) {
        this.languages = languages;
        this.slack = slack;
        this.thread = thread;
        this.leadChannelId = leadChannelId;
        this.leadGroupId = leadGroupId;
    }

    /** The language the leads are told about {@code ticket} in: the lead channel's, else the ticket's channel's. */
    public Words words(Ticket ticket) {
        return languages.channel(leadChannelId != null ? leadChannelId : ticket.source().channel());
    }

    /** Tells the leads about a ticket, now; false (and logged) when Slack could not take it. */
    public boolean tell(Ticket ticket, String text) {
        return tell(ticket, text, null);
    }

    /** The same, with blocks (buttons) under the text; {@code text} is what notifications show. */
    public boolean tell(Ticket ticket, String text, List<LayoutBlock> blocks) {
        String addressed = SlackBlocks.messageText(leadGroupId != null ? "<!subteam^" + leadGroupId + "> " + text
                : words(ticket).say("shared.leads.addressed", "text", text));
        String alone = SlackBlocks.messageText(text);
        try {
            var posted = leadChannelId != null
                    ? slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(leadChannelId).text(alone)
                    .blocks(blocks).unfurlLinks(false)))
                    : thread.post(ticket.source(), addressed, blocks);
            return posted.isOk();
        } catch (SlackUnavailableException e) {
            log.warn("ticket {}: the leads could not be told: {}", ticket.id(), e.getMessage());
            return false;
        }
    }
}
