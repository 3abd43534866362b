package app.pompier.ticket.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.TicketThread;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketNotices;

/** {@link TicketNotices} in the ticket's thread, after Slack's request was answered. */
public final class SlackTicketNotices implements TicketNotices {
    private final TicketThread thread;

    public SlackTicketNotices(TicketThread thread) {
        this.thread = thread;
    }

    @Override
    public void routed(Ticket t, String member) {
        thread.postSoon(t.source(), Mention.of(member) + ", *" + t.id() + "* (" + t.category().replace('_', ' ')
                + ") is yours, by rotation.");
    }

    @Override
    public void assigned(Ticket t, String assignee, String by) {
        thread.postSoon(t.source(), Mention.of(assignee) + ", " + Mention.of(by) + " gave you *" + t.id() + "*.");
    }

    @Override
    public void resolved(Ticket t) {
        thread.postSoon(t.source(), ":white_check_mark: *" + t.id() + "* is resolved. Thank you for your patience;"
                + " tell us here if the problem comes back.");
    }
}
