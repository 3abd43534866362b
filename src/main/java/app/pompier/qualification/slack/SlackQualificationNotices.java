package app.pompier.qualification.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.outage.slack.OutageWords;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.TicketThread;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.qualification.LimitingSelfConfirmedP1s;
import app.pompier.qualification.QualificationNotices;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * {@link QualificationNotices} in the ticket's thread and to the leads, after Slack's request was answered. What the
 * thread says is in its channel's language; what the leads read, in their channel's (the thread's when they have none).
 */
public final class SlackQualificationNotices implements QualificationNotices {
    private static final Logger log = LoggerFactory.getLogger(SlackQualificationNotices.class);

    private final TicketThread thread;
    private final LeadsChannel leads;
    private final Executor soon;
    private final Languages languages;
    private final String leadChannelId;

    /** @param leadChannelId the leads' channel, for their language; null when the team has none */
    public SlackQualificationNotices(TicketThread thread, LeadsChannel leads, Executor soon, Languages languages,
                                     String leadChannelId) {
        this.thread = thread;
        this.leads = leads;
        this.soon = soon;
        this.languages = languages;
        this.leadChannelId = leadChannelId;
    }

    @Override
    public void recorded(QualifyingTicket.Outcome.Recorded recorded) {
        try {
            soon.execute(() -> {
                try {
                    tell(recorded);
                } catch (SlackUnavailableException e) {
                    log.warn("ticket {}: qualified, but Slack could not be told: {}", recorded.ticket().id(),
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: the qualification of {} is not told", recorded.ticket().id());
        }
    }

    private void tell(QualifyingTicket.Outcome.Recorded recorded) {
        Ticket t = recorded.ticket();
        Words words = languages.channel(t.source().channel());
        String reporter = Mention.of(t.reporter());
        if (!recorded.missing().isEmpty()) {
            String text = words.say("qualification.notice.missing", "reporter", reporter, "ticket", t.id(),
                    "items", String.join("\n• ", recorded.missing().stream().map(m -> words.say(m.phrase()))
                            .toList()));
            inThread(t, text, List.of(SlackBlocks.section(text),
                    actions(a -> a.elements(List.of(CardBlocks.qualifyButton(words, t))))));
        } else if (t.state() == TicketState.QUALIFIED) {
            String text = words.say("qualification.notice.qualified", "ticket", t.id(), "priority", priority(words, t),
                    "reason", SlackText.escape(recorded.decision().reason(words)));
            inThread(t, text, null);
        }
        if (recorded.claimAbovePolicy()) {
            String claimed = t.claimedPriority().name();
            inThread(t, words.say("qualification.notice.claimed", "reporter", reporter, "claimed", claimed,
                    "policy", t.qualifiedPriority(), "reason", SlackText.escape(recorded.decision().reason(words))),
                    null);
            Words theirs = leadsWords(t);
            leads.tell(t, theirs.say("qualification.notice.claimed.leads", "ticket", t.id(), "reporter", reporter,
                    "claimed", claimed, "policy", t.qualifiedPriority(),
                    "reason", SlackText.escape(recorded.decision().reason(theirs))) + openReport(theirs, t));
        }
        recorded.held().ifPresent(held -> heldForTheLeads(recorded, held));
    }

    /** A P1 the reporter may not confirm themselves now: they are told it waits, the leads get the Confirm button. */
    private void heldForTheLeads(QualifyingTicket.Outcome.Recorded recorded, LimitingSelfConfirmedP1s.Verdict.Held held) {
        Ticket t = recorded.ticket();
        String reporter = Mention.of(held.reporter());
        Words words = languages.channel(t.source().channel());
        inThread(t, words.say("qualification.notice.held", "reporter", reporter, "ticket", t.id(),
                "perHour", held.perHour(), "confirmed", held.confirmed()), null);
        Words theirs = leadsWords(t);
        String text = theirs.say("qualification.notice.held.leads", "ticket", t.id(), "reporter", reporter,
                "reason", SlackText.escape(recorded.decision().reason(theirs)), "perHour", held.perHour(),
                "confirmed", held.confirmed()) + openReport(theirs, t);
        leads.tell(t, text, List.of(section(s -> s.text(markdownText(text))), actions(a -> a.blockId("held_p1")
                .elements(List.of(button(b -> b.actionId(OutageWords.CONFIRM_PROBABLE_P1_ACTION)
                        .value(t.id().toString()).style("danger")
                        .text(plainText(theirs.say("qualification.notice.held.confirm")))))))));
    }

    /** "P1", "P1 (claimed, unconfirmed; policy gives P2)", "P1 (unconfirmed: a support lead confirms it)". */
    static String priority(Words words, Ticket t) {
        String standing = t.priority() == null ? "unknown"
                : !t.priorityConfirmed() && t.qualifiedPriority() == t.priority() ? "held"
                : !t.priorityConfirmed() && t.qualifiedPriority() != null ? "claimed" : "confirmed";
        return words.say("qualification.notice.priority", "standing", standing, "priority", t.priority(),
                "policy", t.qualifiedPriority());
    }

    /** " <link|Open the report>" after what the leads read, when the report has a link. */
    private static String openReport(Words words, Ticket t) {
        return t.permalink() == null ? "" : " " + words.say("qualification.notice.open_report", "link", t.permalink());
    }

    /** The leads read in their channel's language, or in the ticket thread's when they have no channel. */
    private Words leadsWords(Ticket t) {
        return languages.channel(leadChannelId != null ? leadChannelId : t.source().channel());
    }

    private void inThread(Ticket t, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        thread.post(t.source(), SlackBlocks.messageText(text), blocks);
    }
}
