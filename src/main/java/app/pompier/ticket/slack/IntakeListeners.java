package app.pompier.ticket.slack;

import app.pompier.slack.SlackText;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.OpeningTicket;
import app.pompier.ticket.SourceMessage;
import com.slack.api.bolt.App;
import com.slack.api.model.Message;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four ways a Slack message becomes a ticket: a top-level message in a watched channel, a mention of
 * Pompier, the "Create ticket" message shortcut, a :ticket: reaction. Each listener records the ticket
 * before acking (so an acked event is never lost); the card and every other Web API call come after.
 */
public final class IntakeListeners {
    private static final Logger log = LoggerFactory.getLogger(IntakeListeners.class);
    public static final String CREATE_TICKET_SHORTCUT = "create_ticket";

    private final OpeningTicket opening;
    private final String botUserId;

    public IntakeListeners(OpeningTicket opening, String botUserId) {
        this.opening = opening;
        this.botUserId = botUserId;
    }

    public void register(App app) {
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if (e.getBotId() == null && e.getEdited() == null && isTopLevel(e.getTs(), e.getThreadTs())
                    && opening.watches(e.getChannel())) {
                open(request(source(payload.getTeamId(), e.getChannel(), e.getTs(), e.getThreadTs()),
                        e.getUser(), SlackText.plain(e.getText()), OpenedVia.WATCHED_CHANNEL, e.getUser(),
                        payload.getEventId()));
            }
            return ctx.ack();
        });
        // A message with a screenshot attached arrives as the file_share subtype: still a report.
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            MessageFileShareEvent e = payload.getEvent();
            if (isTopLevel(e.getTs(), e.getThreadTs()) && opening.watches(e.getChannel())) {
                open(request(source(payload.getTeamId(), e.getChannel(), e.getTs(), e.getThreadTs()),
                        e.getUser(), SlackText.plain(e.getText()), OpenedVia.WATCHED_CHANNEL, e.getUser(),
                        payload.getEventId()));
            }
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (e.getBotId() == null && e.getEdited() == null) {
                open(request(source(payload.getTeamId(), e.getChannel(), e.getTs(), e.getThreadTs()),
                        e.getUser(), SlackText.plain(SlackText.withoutMention(e.getText(), botUserId)),
                        OpenedVia.MENTION, e.getUser(), payload.getEventId()));
            }
            return ctx.ack();
        });
        app.event(ReactionAddedEvent.class, (payload, ctx) -> {
            ReactionAddedEvent e = payload.getEvent();
            if (SlackTicketCards.TICKET_REACTION.equals(e.getReaction()) && e.getItem() != null
                    && "message".equals(e.getItem().getType()) && !botUserId.equals(e.getUser())) {
                // A reaction does not say whether the message is in a thread, nor what it says:
                // the card worker reads the message before posting.
                open(request(source(payload.getTeamId(), e.getItem().getChannel(), e.getItem().getTs(), null),
                        e.getItemUser(), null, OpenedVia.REACTION, e.getUser(), payload.getEventId()));
            }
            return ctx.ack();
        });
        app.messageShortcut(CREATE_TICKET_SHORTCUT, (req, ctx) -> {
            var p = req.getPayload();
            Message m = p.getMessage();
            if (m == null || p.getTeam() == null || p.getChannel() == null || p.getUser() == null) {
                log.warn("ignored a 'Create ticket' shortcut payload without its message, team, channel or user");
                return ctx.ack();
            }
            String author = m.getUser() != null ? m.getUser() : m.getBotId();
            open(request(source(p.getTeam().getId(), p.getChannel().getId(), m.getTs(), m.getThreadTs()),
                    author, SlackText.plain(SlackText.withoutMention(m.getText(), botUserId)), OpenedVia.SHORTCUT,
                    p.getUser().getId(), null));
            return ctx.ack();
        });
    }

    private void open(IntakeRequest request) {
        if (request == null) {
            return;
        }
        opening.open(request);
    }

    private static boolean isTopLevel(String ts, String threadTs) {
        return threadTs == null || threadTs.equals(ts);
    }

    /** The message an event points at; null (and logged) when Slack's payload lacks what names it. */
    private static SourceMessage source(String team, String channel, String ts, String threadTs) {
        if (team == null || channel == null || ts == null) {
            log.warn("ignored a Slack payload that does not name its message (team={}, channel={}, ts={})",
                    team, channel, ts);
            return null;
        }
        return new SourceMessage(team, channel, ts, threadTs);
    }

    private static IntakeRequest request(SourceMessage source, String reporter, String text, OpenedVia via,
                                         String requestedBy, String deliveryId) {
        return source == null || requestedBy == null ? null
                : new IntakeRequest(source, reporter, text, via, requestedBy, deliveryId);
    }
}
