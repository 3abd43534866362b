package app.pompier.crisis;

import app.pompier.qualification.Answers;
import app.pompier.qualification.Qualifications;
import app.pompier.sla.ReadingSla;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.ClaimLost;
import app.pompier.ticket.Claims;
import app.pompier.ticket.People;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import app.pompier.ticket.Turn;
import app.pompier.ticket.Turns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opening the crisis cell of every confirmed P1: one per ticket, whatever the clicks, retries and restarts.
 * Its commander is the one the team named, or the first lead, or the assignee. Each step of an opening
 * (channel, invitations, topic, pinned summary, bookmark, link in the ticket's thread) is recorded, so an
 * interrupted opening resumes at the step it stopped; a step that will never work is recorded with the chat's
 * reason, skipped, and reported in the cell. Cells open one at a time on one thread, oldest request first, and
 * stop at the first that must wait: a storm of P1s gets its channels in order of arrival while the chat's rate
 * limit on channel creation is waited out.
 *
 * <p>One replica opens cells at a time, in a {@link Turn} it records every step through: an opener that froze and
 * lost its turn records nothing when it wakes, calls the chat for nothing more, and deletes the summary or link it
 * posted in the instant it lost the turn (the new opener posts its own). A channel created in that instant is the
 * new opener's too: it finds the name taken by a channel Pompier made since the cell was asked for.
 */
public final class OpeningCrisisCell {
    private static final System.Logger log = System.getLogger(OpeningCrisisCell.class.getName());
    private static final int MAX_NAME_ATTEMPTS = 20;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final String OPENING = "opening crisis cells";

    private final CrisisCells cells;
    private final Tickets tickets;
    private final CellChannel channel;
    private final SupportRoles roles;
    private final CrisisSettings settings;
    private final ReadingSla sla;
    private final Qualifications qualifications;
    private final StatusCadence cadence;
    private final Clock clock;
    private final ExecutorService opener;
    private final Turns turns;
    private final Claims claims;

    /** What running one step leaves the opening with. */
    private enum Next { GO_ON, WAIT, GIVE_UP }

    /**
     * @param opener the one thread cells open on, so that they open in the order they were asked for
     * @param turns  where openers take turns: one replica of the store opens cells at a time, so that two never
     *               make two channels for one P1
     * @param claims what undoes a post made after the turn was lost
     */
    public OpeningCrisisCell(CrisisCells cells, Tickets tickets, CellChannel channel, SupportRoles roles,
                             CrisisSettings settings, ReadingSla sla, Qualifications qualifications,
                             StatusCadence cadence, Clock clock, ExecutorService opener, Turns turns, Claims claims) {
        this.turns = turns;
        this.claims = claims;
        this.cells = cells;
        this.tickets = tickets;
        this.channel = channel;
        this.roles = roles;
        this.settings = settings;
        this.sla = sla;
        this.qualifications = qualifications;
        this.cadence = cadence;
        this.clock = clock;
        this.opener = opener;
    }

    /** A confirmed P1 that has no cell gets one; anything else, nothing. Safe to call again and again. */
    public void requestIfConfirmedP1(Ticket ticket) {
        if (!ticket.isConfirmedP1() || ticket.hasEnded()) {
            return;
        }
        String commander = settings.commander() != null ? settings.commander()
                : roles.firstLead().orElse(ticket.assignee());
        if (cells.request(ticket.key(), commander, clock.instant())) {
            tickets.append(ticket.key(), new TimelineEntry(clock.instant(), "crisis", null,
                    "crisis cell requested; commander " + (commander == null ? "none" : commander)));
            openSoon();
        }
    }

    /**
     * Requests the ticket's cell if it is a confirmed P1, on the one opener thread: called in the order
     * changes arrive, it keeps that order where a pool of threads would not.
     */
    public void requestSoon(long ticketKey) {
        onOpener(() -> tickets.byKey(ticketKey).ifPresent(this::requestIfConfirmedP1),
                "ticket " + ticketKey + ": its crisis cell could not be requested; the sweep tries again");
    }

    /** Requests the cells of confirmed P1s that have none (a crash between the change and the request). */
    public void requestMissing(int limit) {
        for (long key : cells.confirmedP1sWithoutCell(limit)) {
            requestSoon(key);
        }
    }

    /** Opens what waits, on the one opener thread. */
    public void openSoon() {
        onOpener(this::openPending, "opening crisis cells failed; the next sweep tries again");
    }

    private void onOpener(Runnable work, String ifFailed) {
        try {
            opener.execute(() -> {
                try {
                    work.run();
                } catch (ClaimLost e) {
                    // Another replica holds the turn now and opens what waits.
                    log.log(System.Logger.Level.WARNING, "{0}", e.getMessage());
                } catch (RuntimeException e) {
                    log.log(System.Logger.Level.ERROR, ifFailed, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.DEBUG, "shutting down: the next start opens the cells that wait");
        }
    }

    /**
     * Opens the cells waiting, in order of arrival; stops at the first that must wait, to keep the order: a cell
     * asked for later never gets its channel before one that is waiting for the chat. While another replica is
     * opening cells this one leaves them to it: its own sweep comes back to them, and one that dies mid-opening
     * hands the turn over with its connection, the steps it recorded kept.
     */
    public void openPending() {
        turns.ifFree(OPENING, turn -> {
            // A P1 confirmed just before, on another replica, may not have asked for its cell yet: asked for here
            // first, it keeps its place in the order of arrival.
            for (long key : cells.confirmedP1sWithoutCell(50)) {
                tickets.byKey(key).ifPresent(this::requestIfConfirmedP1);
            }
            Opener opener = new Opener(new FencedCrisisCells(cells, turn));
            for (CrisisCells.Opening waiting : cells.opening(100)) {
                if (waiting.nextTryAt().isAfter(clock.instant()) || !opener.open(waiting.cellId())) {
                    return;
                }
            }
        });
    }

    /** Opening cells in a turn: every step recorded through the turn's {@code cells}. */
    private final class Opener {
        private final CrisisCells cells;

        Opener(CrisisCells cells) {
            this.cells = cells;
        }

        /** Runs the steps left of one opening; false when it must wait, and the cells after it with it. */
        boolean open(long cellId) {
            CrisisCell cell = cells.byId(cellId).orElseThrow();
            Ticket ticket = tickets.byKey(cell.ticketKey()).orElseThrow();
            for (Optional<CrisisStep> next = cell.nextStep(); next.isPresent(); next = cell.nextStep()) {
                Next after = run(next.get(), cell, ticket);
                if (after == Next.GIVE_UP) {
                    return true;
                }
                if (after == Next.WAIT) {
                    Instant retry = clock.instant().plus(RETRY_AFTER);
                    log.log(System.Logger.Level.WARNING, "crisis cell of {0}: the chat cannot {1} now; resuming at {2}",
                            ticket.id(), next.get().words(), retry);
                    return false;
                }
                cell = cells.byId(cellId).orElseThrow();
            }
            Instant now = clock.instant();
            cells.opened(cellId, now);
            tickets.append(ticket.key(), new TimelineEntry(now, "crisis", null, "crisis cell opened: #"
                    + cell.channelName()));
            cadence.checkAt(cellId, now.plus(settings.statusEvery()));
            List<CrisisCell.Step> failed = cells.byId(cellId).orElseThrow().steps().values().stream()
                    .filter(s -> !s.done()).toList();
            if (!failed.isEmpty()) {
                tell(channel.post(cell.channelId(), ticket.source().channel(),
                        new CellMessage.OpeningIncomplete(failed)), ticket, "its failed steps");
            }
            return true;
        }

        private Next run(CrisisStep step, CrisisCell cell, Ticket ticket) {
            return switch (step) {
                case CREATE_CHANNEL -> createChannel(cell, ticket);
                case INVITE -> invite(cell, ticket);
                case TOPIC -> record(cell, step, channel.setTopic(cell.channelId(), ticket.source().channel(),
                        CellTopic.of(ticket, List.copyOf(sla.statuses(ticket).values()), cell.commander())));
                case SUMMARY -> {
                    Answers answers = qualifications.latest(ticket.key()).orElse(null);
                    ChatAnswer<String> posted = channel.post(cell.channelId(), ticket.source().channel(),
                            new CellMessage.Summary(ticket, answers, cell.commander()));
                    if (posted instanceof ChatAnswer.Done<String> done) {
                        // The summary is marked and looked for: the new opener may have found this very one.
                        recordOrDelete(cell.channelId(), done.value(),
                                () -> cells.summaryPosted(cell.id(), done.value(), clock.instant()),
                                () -> cells.byId(cell.id()).map(CrisisCell::summaryTs).orElse(null));
                        yield Next.GO_ON;
                    }
                    yield record(cell, step, posted);
                }
                case PIN -> cell.summaryTs() == null ? failed(cell, step, CrisisCell.Step.NO_SUMMARY)
                        : record(cell, step, channel.pin(cell.channelId(), cell.summaryTs()));
                case BOOKMARK -> ticket.permalink() == null ? failed(cell, step, CrisisCell.Step.NO_LINK)
                        : record(cell, step, channel.bookmark(cell.channelId(), ticket.source().channel(), ticket.id(),
                        ticket.permalink()));
                case LINK_IN_THREAD -> {
                    ChatAnswer<String> linked = channel.postInThread(ticket.source(),
                            new CellMessage.CellOpened(ticket.id(), cell.channelId()));
                    if (linked instanceof ChatAnswer.Done<String> done) {
                        // Not looked for: the new opener posts its own link, and this one is a copy.
                        recordOrDelete(ticket.source().channel(), done.value(),
                                () -> cells.stepDone(cell.id(), step, null, clock.instant()), () -> "");
                        yield Next.GO_ON;
                    }
                    yield record(cell, step, linked);
                }
            };
        }

        /**
         * Records a post; if the turn was lost while it was on its way, the opening stops here and the post is
         * deleted once the new opener recorded another ({@code recorded}: null while it has not; until then this
         * one may be the one it finds).
         */
        private void recordOrDelete(String channelId, String ts, Runnable record,
                                    java.util.function.Supplier<String> recorded) {
            try {
                record.run();
            } catch (ClaimLost e) {
                String theirs = recorded.get();
                if (theirs != null && !theirs.equals(ts)) {
                    claims.unclaimed(() -> channel.delete(channelId, ts));
                }
                throw e;
            }
        }

        /** Creates the channel; a taken name gets a suffix, unless the channel is one this very opening made. */
        private Next createChannel(CrisisCell cell, Ticket ticket) {
            for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
                String name = CrisisChannelName.of(settings.channelTemplate(), ticket, attempt);
                ChatAnswer<String> created = channel.create(name);
                if (created instanceof ChatAnswer.Done<String> done) {
                    cells.channelCreated(cell.id(), done.value(), name, clock.instant());
                    return Next.GO_ON;
                }
                if (created instanceof ChatAnswer.RetryLater<String> later) {
                    cells.retryLater(cell.id(), clock.instant().plus(RETRY_AFTER), later.reason());
                    return Next.WAIT;
                }
                String why = created.problem();
                if (!CellChannel.NAME_TAKEN.equals(why)) {
                    return couldNotCreate(cell, ticket, why);
                }
                ChatAnswer<Optional<String>> ours = channel.ownChannelNamed(name, cell.requestedAt());
                if (!(ours instanceof ChatAnswer.Done<Optional<String>> looked)) {
                    // Trying the next name now could make a second channel if this one is ours: not before knowing.
                    cells.retryLater(cell.id(), clock.instant().plus(RETRY_AFTER), ours.problem());
                    return Next.WAIT;
                }
                if (looked.value().isPresent()) {
                    // Created just before a crash (or by an opener that lost its turn), never recorded: this is the
                    // cell's channel.
                    cells.channelCreated(cell.id(), looked.value().get(), name, clock.instant());
                    return Next.GO_ON;
                }
            }
            return couldNotCreate(cell, ticket, null);
        }

        /** No channel, no cell: the ticket's thread asks the leads to open one by hand. */
        private Next couldNotCreate(CrisisCell cell, Ticket ticket, String why) {
            cells.failed(cell.id(), why == null ? CellChannel.NAME_TAKEN : why, clock.instant());
            tell(channel.postInThread(ticket.source(), new CellMessage.CellNotCreated(ticket.id(), why)), ticket,
                    "that its cell could not be created");
            return Next.GIVE_UP;
        }

        private Next invite(CrisisCell cell, Ticket ticket) {
            List<CrisisCell.Refusal> refused = new ArrayList<>();
            for (String user : invitees(cell, ticket)) {
                ChatAnswer<Void> invited = channel.invite(cell.channelId(), user);
                if (invited instanceof ChatAnswer.RetryLater<Void> later) {
                    // Invitations are asked again on resumption; those already in count as done.
                    cells.retryLater(cell.id(), clock.instant().plus(RETRY_AFTER), later.reason());
                    return Next.WAIT;
                }
                if (invited instanceof ChatAnswer.CannotSucceed<Void> never) {
                    refused.add(new CrisisCell.Refusal(user, never.why()));
                }
            }
            if (refused.isEmpty()) {
                cells.stepDone(cell.id(), CrisisStep.INVITE, null, clock.instant());
            } else {
                cells.stepFailed(cell.id(), CrisisStep.INVITE, CrisisCell.Refusal.describe(refused), clock.instant());
            }
            return Next.GO_ON;
        }

        private Next record(CrisisCell cell, CrisisStep step, ChatAnswer<?> answer) {
            if (answer instanceof ChatAnswer.RetryLater<?> later) {
                cells.retryLater(cell.id(), clock.instant().plus(RETRY_AFTER), later.reason());
                return Next.WAIT;
            }
            if (answer instanceof ChatAnswer.CannotSucceed<?> never) {
                return failed(cell, step, never.why());
            }
            cells.stepDone(cell.id(), step, null, clock.instant());
            return Next.GO_ON;
        }

        private Next failed(CrisisCell cell, CrisisStep step, String why) {
            cells.stepFailed(cell.id(), step, why, clock.instant());
            return Next.GO_ON;
        }
    }

    /** The reporter (when a person), the commander, the leads, the assignee, and whoever the team always invites. */
    static Set<String> invitees(CrisisCell cell, Ticket ticket, List<String> leads, List<String> always) {
        Set<String> users = new LinkedHashSet<>();
        if (People.isPerson(ticket.reporter())) {
            users.add(ticket.reporter());
        }
        if (cell.commander() != null) {
            users.add(cell.commander());
        }
        users.addAll(leads);
        if (ticket.assignee() != null) {
            users.add(ticket.assignee());
        }
        users.addAll(always);
        return users;
    }

    private Set<String> invitees(CrisisCell cell, Ticket ticket) {
        return invitees(cell, ticket, roles.leads(), settings.invite());
    }

    private static void tell(ChatAnswer<?> answer, Ticket ticket, String what) {
        if (!answer.isDone()) {
            log.log(System.Logger.Level.WARNING, "crisis cell of {0}: could not tell {1}: {2}", ticket.id(), what,
                    answer.problem());
        }
    }
}
