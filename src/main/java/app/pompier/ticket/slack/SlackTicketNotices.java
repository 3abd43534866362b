package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.TicketThread;
import app.pompier.ticket.Category;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketNotices;

/**
 * {@link TicketNotices} in the ticket's thread, after Slack's request was answered; in the channel's language, since
 * everyone in the thread reads them.
 */
public final class SlackTicketNotices implements TicketNotices {
    private final TicketThread thread;
    private final Languages languages;

    public SlackTicketNotices(TicketThread thread, Languages languages) {
        this.thread = thread;
        this.languages = languages;
    }

    @Override
    public void routed(Ticket t, String member) {
        Words say = wordsOf(t);
        // A category the team's file names but this version does not know is shown as it is written.
        String category = Category.fromCode(t.category()).map(c -> say.say(c.inSentence()))
                .orElse(String.valueOf(t.category()).replace('_', ' '));
        thread.postSoon(t.source(), say.say("ticket.notice.routed", "who", Mention.of(member), "ticket", t.id(),
                "category", category));
    }

    @Override
    public void assigned(Ticket t, String assignee, String by) {
        thread.postSoon(t.source(), wordsOf(t).say("ticket.notice.assigned", "assignee", Mention.of(assignee),
                "by", Mention.of(by), "ticket", t.id()));
    }

    @Override
    public void resolved(Ticket t) {
        thread.postSoon(t.source(), wordsOf(t).say("ticket.notice.resolved", "ticket", t.id()));
    }

    private Words wordsOf(Ticket t) {
        return languages.channel(t.source().channel());
    }
}
