package app.pompier.ops.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.SlackErrors;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.ops.CollisionWarning;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsNotices;
import app.pompier.ops.OpsPlans;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OpsNotices} in Slack: to a channel or, for a person, in a direct message; a ticket's thread in its channel's
 * language, an owner in theirs.
 */
public final class SlackOpsNotices implements OpsNotices {
    private static final Logger log = LoggerFactory.getLogger(SlackOpsNotices.class);

    private final SlackGateway slack;
    private final TicketThread thread;
    private final OpsWords words;
    private final Languages languages;

    public SlackOpsNotices(SlackGateway slack, TicketThread thread, OpsWords words, Languages languages) {
        this.slack = slack;
        this.thread = thread;
        this.words = words;
        this.languages = languages;
    }

    @Override
    public void collision(String to, CollisionWarning warning) {
        String text = words.warning(words.of(to), warning);
        try {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(to).text(text)));
        } catch (SlackUnavailableException e) {
            log.warn("collision warning to {} not sent: {}", to, e.getMessage());
        }
    }

    @Override
    public void underMaintenance(Ticket ticket, MaintenanceWindow w, Occurrence occurrence) {
        Words said = languages.channel(ticket.source().channel());
        String text = ":construction: " + (w.unavailable().isBlank()
                ? said.say("ops.maintenance.answer", "component", words.label(w.component()),
                "end", said.when(occurrence.end()), "ticket", ticket.id().toString())
                : said.say("ops.maintenance.answer_unavailable", "component", words.label(w.component()),
                "end", said.when(occurrence.end()), "ticket", ticket.id().toString(),
                "unavailable", SlackText.escapedExcerpt(w.unavailable(), OpsWords.NAME)));
        try {
            thread.post(ticket.source(), text);
        } catch (SlackUnavailableException e) {
            log.warn("ticket {}: not told that the {} is under maintenance: {}", ticket.id(), w.component(),
                    e.getMessage());
        }
    }

    @Override
    public ChatAnswer<Void> maintenanceDrew(MaintenanceWindow w, OpsPlans.Hits hits) {
        try {
            Words said = words.of(w.owner());
            String text = ":bar_chart: " + said.say("ops.maintenance.drew", "component", words.label(w.component()),
                    "span", said.span(hits.occurrenceStart(), hits.occurrenceEnd()), "count", hits.tickets());
            var posted = slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(w.owner()).text(text)));
            return posted.isOk() ? ChatAnswer.done() : SlackErrors.notDone(posted.getError());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }
}
