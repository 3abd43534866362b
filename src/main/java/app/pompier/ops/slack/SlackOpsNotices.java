package app.pompier.ops.slack;

import app.pompier.slack.SlackErrors;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.slack.TimeWords;
import app.pompier.ops.CollisionWarning;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsNotices;
import app.pompier.ops.OpsPlans;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.Ticket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link OpsNotices} in Slack: to a channel or, for a person, in a direct message. */
public final class SlackOpsNotices implements OpsNotices {
    private static final Logger log = LoggerFactory.getLogger(SlackOpsNotices.class);

    private final SlackGateway slack;
    private final TicketThread thread;
    private final OpsWords words;
    private final TimeWords time;

    public SlackOpsNotices(SlackGateway slack, TicketThread thread, OpsWords words, TimeWords time) {
        this.slack = slack;
        this.thread = thread;
        this.words = words;
        this.time = time;
    }

    @Override
    public void collision(String to, CollisionWarning warning) {
        String text = words.warning(warning);
        try {
            slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(to).text(text)));
        } catch (SlackUnavailableException e) {
            log.warn("collision warning to {} not sent: {}", to, e.getMessage());
        }
    }

    @Override
    public void underMaintenance(Ticket ticket, MaintenanceWindow w, Occurrence occurrence) {
        String text = ":construction: The *" + words.label(w.component()) + "* is under planned maintenance until "
                + time.when(occurrence.end())
                + (w.unavailable().isBlank() ? "" : " (" + SlackText.escapedExcerpt(w.unavailable(), OpsWords.NAME)
                + " unavailable)")
                + ". Your ticket " + ticket.id() + " is recorded; if the problem remains after, tell us here.";
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
            var posted = slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(w.owner()).text(
                    ":bar_chart: During your maintenance of the *" + words.label(w.component()) + "* ("
                            + time.span(hits.occurrenceStart(), hits.occurrenceEnd()) + "), " + hits.tickets()
                            + " ticket(s) named it and were told it was under maintenance.")));
            return posted.isOk() ? ChatAnswer.done() : SlackErrors.notDone(posted.getError());
        } catch (SlackUnavailableException e) {
            return SlackErrors.unavailable(e);
        }
    }
}
