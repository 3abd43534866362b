package app.pompier.outage.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.SlackErrors;
import app.pompier.slack.TicketThread;
import app.pompier.slack.CallBudget;
import app.pompier.outage.OutageBoards;
import app.pompier.outage.OutageNotices;
import app.pompier.outage.ReporterNews;
import app.pompier.outage.Reporters;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * {@link OutageNotices} in Slack: the leads' channel for a probable P1, in its language; the related report's
 * thread otherwise, in that thread's channel language.
 */
public final class SlackOutageNotices implements OutageNotices {
    private static final Logger log = LoggerFactory.getLogger(SlackOutageNotices.class);
    /** The metadata event type that marks the news relayed in a related report's thread. */
    static final String NEWS_EVENT = "pompier_related_news";
    /** The metadata event type that marks an incident's board in a channel, so that a retry finds it. */
    static final String BOARD_EVENT = "pompier_outage_board";
    /** The reaction that says a report is linked to a known incident (the board says what it means). */
    static final String LINKED_REACTION = "link";

    private final SlackGateway slack;
    private final TicketThread thread;
    private final LeadsChannel leads;
    private final OutageWords words;
    private final Languages languages;
    private final String leadChannelId;
    private final CallBudget ephemerals;
    private final CallBudget reactions;
    private final CallBudget boardUpdates;

    /**
     * @param leadChannelId the lead channel; null when the team has none (the leads are told in the ticket's thread)
     * @param ephemerals    what {@code chat.postEphemeral} may still take (Tier 4)
     * @param reactions     what {@code reactions.add} may still take (Tier 3)
     */
    public SlackOutageNotices(SlackGateway slack, TicketThread thread, LeadsChannel leads, OutageWords words,
                              Languages languages, String leadChannelId, CallBudget ephemerals,
                              CallBudget reactions, CallBudget boardUpdates) {
        this.slack = slack;
        this.thread = thread;
        this.leads = leads;
        this.words = words;
        this.languages = languages;
        this.leadChannelId = leadChannelId;
        this.ephemerals = ephemerals;
        this.reactions = reactions;
        this.boardUpdates = boardUpdates;
    }

    @Override
    public ChatAnswer<Void> probableP1(Ticket incident, Reporters reporters) {
        Words say = leadsWords(incident);
        return leads.tell(incident, words.probableP1Text(incident, reporters, say),
                words.probableP1(incident, reporters, say))
                ? ChatAnswer.done() : new ChatAnswer.RetryLater<>("the leads' channel did not take the message");
    }

    /** The language the leads read where they are told: the lead channel's, else the incident's thread's. */
    private Words leadsWords(Ticket incident) {
        return leadChannelId != null ? languages.channel(leadChannelId) : words.of(incident);
    }

    @Override
    public String probableP1Reason(Ticket incident, int people) {
        return words.probableP1Reason(incident, people);
    }

    @Override
    public void madeOwnTicket(Ticket report, Ticket incident, String replyTs, String by) {
        String text = words.madeOwnTicket(report, incident, by);
        try {
            var updated = slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(report.source().channel())
                    .ts(replyTs).text(text).blocks(java.util.List.of())));
            if (!updated.isOk()) {
                log.warn("{}: the reply naming {} could not be updated: {}", report.id(), incident.id(),
                        updated.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("{}: the reply naming {} could not be updated: {}", report.id(), incident.id(), e.getMessage());
        }
    }

    @Override
    public ChatAnswer<ChatPost> news(Ticket report, Ticket incident, ReporterNews.Pending pending, boolean mayBeThere) {
        return thread.postMarkedAnswer(report.source(), NEWS_EVENT, Map.of("ticket", String.valueOf(report.key()),
                "version", String.valueOf(pending.version())), mayBeThere, r -> r
                .text(words.news(report, incident, pending.news()))
                .unfurlLinks(false)
                .unfurlMedia(false));
    }

    @Override
    public void withdrawNews(Ticket report, String ts) {
        thread.delete(report.source().channel(), ts, "news for " + report.id());
    }

    @Override
    public ChatAnswer<ChatPost> postBoard(Ticket incident, String channel, int reports, boolean mayBeThere) {
        Words say = languages.channel(channel);
        return thread.postMarkedInChannelAnswer(channel, BOARD_EVENT, Map.of("incident",
                String.valueOf(incident.key())), mayBeThere, r -> r
                .text(words.boardText(incident, reports, say))
                .blocks(words.board(incident, new OutageBoards.Linked(java.util.List.of(), reports), say))
                .unfurlLinks(false)
                .unfurlMedia(false));
    }

    @Override
    public BoardUpdate updateBoard(Ticket incident, String channel, String ts, OutageBoards.Linked linked) {
        if (!boardUpdates.tryTake()) {
            // Every board of every incident draws from one share of chat.update's Tier 3: a board waits its turn.
            return BoardUpdate.NOT_NOW;
        }
        Words say = languages.channel(channel);
        try {
            var updated = slack.call("chat.update", m -> m.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text(words.boardText(incident, linked.reports(), say))
                    .blocks(words.board(incident, linked, say))));
            if (updated.isOk()) {
                return BoardUpdate.UPDATED;
            }
            String error = updated.getError();
            if ("message_not_found".equals(error) || "cant_update_message".equals(error)) {
                return BoardUpdate.GONE;
            }
            log.warn("{}: its board in {} was not redrawn ({})", incident.id(), channel, error);
            return SlackErrors.permanent(error) ? BoardUpdate.REFUSED : BoardUpdate.NOT_NOW;
        } catch (SlackUnavailableException e) {
            log.warn("{}: its board in {} was not redrawn ({})", incident.id(), channel, e.getMessage());
            return BoardUpdate.NOT_NOW;
        }
    }

    @Override
    public Acknowledgment acknowledge(Ticket report, Ticket incident) {
        String channel = report.source().channel();
        if (report.reporter() != null && ephemerals.tryTake()) {
            Words say = languages.person(report.reporter(), channel);
            // Under their report: in its thread when they wrote it in one (a mention), else in the channel.
            var told = slack.call("chat.postEphemeral", m -> m.chatPostEphemeral(r -> r.channel(channel)
                    .threadTs(report.source().threadTs())
                    .user(report.reporter()).text(words.acknowledgment(report, incident, say))));
            if (told.isOk()) {
                return Acknowledgment.EPHEMERAL;
            }
            log.info("{}: the message only its reporter sees was refused ({}); a reaction instead", report.id(),
                    told.getError());
        }
        if (reactions.tryTake()) {
            var reacted = slack.call("reactions.add", m -> m.reactionsAdd(r -> r.channel(channel)
                    .timestamp(report.source().ts()).name(LINKED_REACTION)));
            if (reacted.isOk() || SlackErrors.alreadyDone(reacted.getError())) {
                return Acknowledgment.REACTION;
            }
            log.info("{}: the :{}: reaction was refused ({})", report.id(), LINKED_REACTION, reacted.getError());
        }
        return Acknowledgment.NONE;
    }
}
