package app.pompier.outage;

import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ChatPost;
import app.pompier.ticket.Claim;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.IncidentFollowers;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells every reporter of a mass outage, within seconds, that their report is known and linked, although the reply
 * in their thread waits for the channel's pace (about one post a second: the 300th report of a minute-long outage
 * gets its reply five minutes later). Two ways that pace does not bind:
 *
 * <ul>
 *   <li>The channel's <b>board</b>: one top-level message per incident and channel, naming the incident and listing
 *   the people whose reports are linked, newest first, updated as reports come ({@code chat.update}, Slack's Tier 3:
 *   50 a minute; a board is drawn at most every {@link #DRAW_EVERY}, whatever the number of reports). It is posted
 *   without names, which are added by edits: an edit notifies nobody, so the reply in the thread stays the one
 *   notification a reporter gets.</li>
 *   <li>A <b>personal acknowledgment</b> to as many reporters as Slack's limits allow at once: a message only they see
 *   under their report ({@code chat.postEphemeral}, Tier 4: 100 a minute), else a reaction on it
 *   ({@code reactions.add}, Tier 3); past both, the board alone. Neither notifies.</li>
 * </ul>
 *
 * <p>A board changes with its incident (news, resolution) and is drawn by one replica at a time under a lease.
 */
public final class KeepingOutageBoards implements IncidentFollowers {
    private static final System.Logger log = System.getLogger(KeepingOutageBoards.class.getName());
    /** At most how often one board is redrawn: well inside Tier 3's 50 a minute for a few boards at once. */
    public static final Duration DRAW_EVERY = Duration.ofSeconds(3);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** A board Slack refuses for good (not in the channel, archived) is looked at again after this. */
    private static final Duration REFUSED_RETRY = Duration.ofHours(1);
    /** The newest reporters a board names; the count says how many there are in all. */
    static final int NAMED = 400;

    private final OutageBoards boards;
    private final Tickets tickets;
    private final OutageNotices notices;
    private final Claims claims;
    private final Clock clock;
    private final Executor soon;
    private final ScheduledExecutorService drawer;
    private final AtomicBoolean drawing = new AtomicBoolean();
    /** A drawing is set for when the next board falls due: one at a time, whatever asked for it. */
    private final AtomicBoolean waiting = new AtomicBoolean();

    /**
     * @param soon   where personal acknowledgments are sent, off the deciding thread
     * @param drawer the one thread boards are drawn on, and wait on for their next turn
     */
    public KeepingOutageBoards(OutageBoards boards, Tickets tickets, OutageNotices notices, Claims claims, Clock clock,
                               Executor soon, ScheduledExecutorService drawer) {
        this.boards = boards;
        this.tickets = tickets;
        this.notices = notices;
        this.claims = claims;
        this.clock = clock;
        this.soon = soon;
        this.drawer = drawer;
    }

    /** A report was just linked to an incident: its board shows it, and its reporter is acknowledged if Slack allows. */
    public void linked(Ticket report, Ticket incident) {
        try {
            boards.owe(incident.key(), report.source().channel(), clock.instant(), DRAW_EVERY);
        } catch (RuntimeException e) {
            // The decision is recorded; the board shows this report at its next drawing, the reply in its thread
            // follows as usual.
            log.log(System.Logger.Level.WARNING, "{0}: its incident''s board could not be told of it ({1})",
                    report.id(), e.toString());
        }
        try {
            soon.execute(() -> acknowledge(report, incident));
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.DEBUG, "shutting down: {0} is acknowledged by its board alone", report.id());
        }
        drawSoon();
    }

    private void acknowledge(Ticket report, Ticket incident) {
        try {
            OutageNotices.Acknowledgment how = notices.acknowledge(report, incident);
            log.log(System.Logger.Level.DEBUG, "{0}: acknowledged as linked to {1} by {2}", report.id(), incident.id(),
                    how);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "{0}: its reporter could not be acknowledged ({1}); the board shows it",
                    report.id(), e.toString());
        }
    }

    /** The incident changed (news, its priority, its end): its boards show it. */
    @Override
    public void changed(Ticket incident, TicketState before) {
        List<String> channels = boards.channelsOf(incident.key());
        if (channels.isEmpty()) {
            return;
        }
        channels.forEach(c -> boards.owe(incident.key(), c, clock.instant(), DRAW_EVERY));
        drawSoon();
    }

    /** Draws what is due on the drawer's thread, once for any number of calls meanwhile. */
    public void drawSoon() {
        if (!drawing.compareAndSet(false, true)) {
            return;
        }
        try {
            drawer.execute(this::drawDue);
        } catch (RejectedExecutionException e) {
            drawing.set(false);
        }
    }

    /** Draws every board due; then comes back when the next one falls due. Returns how many were drawn. */
    public int drawDue() {
        drawing.set(false);
        int drawn = 0;
        try {
            for (OutageBoards.Board b : boards.due(clock.instant(), 50)) {
                drawn += draw(b) ? 1 : 0;
            }
            Optional<Instant> next = boards.nextDue();
            if (next.isPresent() && waiting.compareAndSet(false, true)) {
                long wait = Math.max(100, Duration.between(clock.instant(), next.get()).toMillis());
                // Never longer than a draw's period: the sweep catches what a clock jump would make wait more.
                drawer.schedule(() -> {
                    waiting.set(false);
                    drawSoon();
                }, Math.min(wait, DRAW_EVERY.toMillis()), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.DEBUG, "shutting down: boards are drawn at the next start");
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "outage boards could not be drawn now ({0}); the sweep tries again",
                    e.toString());
        }
        return drawn;
    }

    private boolean draw(OutageBoards.Board b) {
        Instant now = clock.instant();
        Claim claim = claims.take("the board of incident " + b.incident() + " in " + b.channel(), LEASE);
        Optional<OutageBoards.Drawing> held = boards.claim(b.incident(), b.channel(), now, now.plus(LEASE));
        if (held.isEmpty()) {
            return false;
        }
        OutageBoards.Drawing drawing = held.get();
        Optional<Ticket> incident = tickets.byKey(b.incident());
        if (incident.isEmpty()) {
            // Not a ticket of this store (cannot happen by its foreign key): not claimed again every sweep.
            boards.failed(b.incident(), b.channel(), now.plus(REFUSED_RETRY));
            return false;
        }
        try {
            return claims.under(claim, () -> draw(b, incident.get(), drawing));
        } catch (ClaimLost e) {
            log.log(System.Logger.Level.WARNING, "{0}", e.getMessage());
            return false;
        }
    }

    private boolean draw(OutageBoards.Board b, Ticket incident, OutageBoards.Drawing drawing) {
        OutageBoards.Linked linked = boards.linked(incident.key(), b.channel(), NAMED);
        String ts = drawing.ts();
        if (ts == null) {
            // Posted without names, so that nobody is notified; the names come with the update that follows.
            ChatAnswer<ChatPost> posted = notices.postBoard(incident, b.channel(), linked.reports(),
                    drawing.attempt() > 1);
            if (!(posted instanceof ChatAnswer.Done<ChatPost> done)) {
                return failed(b, incident, posted);
            }
            ts = done.value().ts();
        }
        switch (notices.updateBoard(incident, b.channel(), ts, linked)) {
            case UPDATED:
                return boards.drawn(incident.key(), b.channel(), drawing.version(), ts, clock.instant(), DRAW_EVERY);
            case GONE:
                // Deleted by someone: the next drawing posts it again, with every name.
                boards.lost(incident.key(), b.channel(), clock.instant().plus(RETRY_AFTER));
                log.log(System.Logger.Level.WARNING, "{0}: its board in {1} is gone; it is posted again",
                        incident.id(), b.channel());
                return false;
            case REFUSED:
                // The channel archived, a scope missing: posting it again would only add messages. Its message is
                // recorded, and tried again in an hour; the replies in threads still reach every reporter.
                boards.drawn(incident.key(), b.channel(), 0, ts, clock.instant(), REFUSED_RETRY);
                return false;
            default:
                // The board is there, without its latest names: recorded as posted, drawn again soon.
                boards.drawn(incident.key(), b.channel(), 0, ts, clock.instant(), RETRY_AFTER);
                return false;
        }
    }

    private boolean failed(OutageBoards.Board b, Ticket incident, ChatAnswer<?> answer) {
        log.log(System.Logger.Level.WARNING, "{0}: its board could not be posted in {1} ({2})", incident.id(),
                b.channel(), answer.problem());
        if (answer instanceof ChatAnswer.CannotSucceed) {
            // Not in the channel, archived: the replies in threads still reach every reporter.
            boards.failed(incident.key(), b.channel(), clock.instant().plus(REFUSED_RETRY));
        } else {
            boards.failed(incident.key(), b.channel(), clock.instant().plus(RETRY_AFTER));
        }
        return false;
    }
}
