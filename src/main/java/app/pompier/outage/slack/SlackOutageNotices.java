package app.pompier.outage.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
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

    private final SlackGateway slack;
    private final TicketThread thread;
    private final LeadsChannel leads;
    private final OutageWords words;
    private final Languages languages;
    private final String leadChannelId;

    /** @param leadChannelId the lead channel; null when the team has none (the leads are told in the ticket's thread) */
    public SlackOutageNotices(SlackGateway slack, TicketThread thread, LeadsChannel leads, OutageWords words,
                              Languages languages, String leadChannelId) {
        this.slack = slack;
        this.thread = thread;
        this.leads = leads;
        this.words = words;
        this.languages = languages;
        this.leadChannelId = leadChannelId;
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
}
