package app.pompier.crisis;

import app.pompier.language.Phrase;
import app.pompier.qualification.Qualifications;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketEscalation;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A crisis cell once open, until it is archived. After {@code status_every} of silence the commander is asked
 * for a status update; each update is posted in the cell, relayed to the reporter in words meant for them
 * ("inform, reassure, help them wait", seed 005), to everyone who reported the same outage, and to the
 * stakeholders. The topic follows the ticket (a
 * downgraded P1 keeps its cell, and the topic says so); a resolution gets its review draft, a closing archives
 * the cell.
 */
public final class RunningCrisisCell implements TicketEscalation {
    private static final System.Logger log = System.getLogger(RunningCrisisCell.class.getName());

    private final CrisisCells cells;
    private final Tickets tickets;
    private final CellChannel channel;
    private final OpeningCrisisCell opening;
    private final CrisisSettings settings;
    private final ReadingSla sla;
    private final SlaClock slaClock;
    private final Qualifications qualifications;
    private final StatusCadence cadence;
    private final String stakeholderChannel;
    private final CellFollowers followers;
    private final Clock clock;

    /**
     * @param stakeholderChannel the stakeholders' channel id; null when the team has none
     * @param followers          the reporters of the incident's related reports
     */
    public RunningCrisisCell(CrisisCells cells, Tickets tickets, CellChannel channel, OpeningCrisisCell opening,
                             CrisisSettings settings, ReadingSla sla, SlaClock slaClock, Qualifications qualifications,
                             StatusCadence cadence, String stakeholderChannel, CellFollowers followers, Clock clock) {
        this.followers = followers;
        this.cells = cells;
        this.tickets = tickets;
        this.channel = channel;
        this.opening = opening;
        this.settings = settings;
        this.sla = sla;
        this.slaClock = slaClock;
        this.qualifications = qualifications;
        this.cadence = cadence;
        this.stakeholderChannel = stakeholderChannel;
        this.clock = clock;
    }

    @Override
    public void requestCellIfConfirmedP1(long ticketKey) {
        opening.requestSoon(ticketKey);
    }

    /** The cell follows its ticket: the topic says where it stands, a resolution gets its review draft. */
    @Override
    public void changed(Ticket ticket, TicketState before) {
        refreshTopic(ticket);
        if (ticket.state() == TicketState.RESOLVED && before != TicketState.RESOLVED) {
            openChannelOf(ticket.key()).ifPresent(cell -> tell(channel.post(cell, ticket.source().channel(),
                    new CellMessage.Review(review(ticket))), ticket, "its review draft"));
        }
        if (ticket.state() == TicketState.CLOSED && before != TicketState.CLOSED) {
            archive(ticket);
        }
    }

    /** The channel of the ticket's cell, once open: SLA reminders are copied there too. */
    public Optional<String> openChannelOf(long ticketKey) {
        return cells.ofTicket(ticketKey).filter(CrisisCell::isOpen).map(CrisisCell::channelId);
    }

    /** Redraws the topic of an open cell after a change of priority, state, SLA or commander. */
    public void refreshTopic(Ticket ticket) {
        cells.ofTicket(ticket.key()).filter(CrisisCell::isOpen).ifPresent(cell -> tell(channel.setTopic(
                cell.channelId(), ticket.source().channel(), CellTopic.of(ticket, List.copyOf(sla.statuses(ticket).values()), cell.commander(),
                        followers.people(ticket))),
                ticket, "its new topic"));
    }

    /** A cell's status check is due: asks for an update after {@code status_every} of silence. */
    public void checkStatus(long cellId) {
        Optional<CrisisCell> found = cells.byId(cellId);
        if (found.isEmpty() || !found.get().isOpen()) {
            return;
        }
        CrisisCell cell = found.get();
        Instant now = clock.instant();
        Instant due = cell.lastStatusAt().plus(settings.statusEvery());
        if (due.isAfter(now)) {
            cadence.checkAt(cellId, due);
            return;
        }
        Ticket ticket = tickets.byKey(cell.ticketKey()).orElseThrow();
        if (!cells.askForStatus(cellId, now, now.minus(settings.statusEvery().dividedBy(2)))) {
            // Asked just now by another run of this check (revived on another replica while this one ran).
            return;
        }
        ChatAnswer<String> asked = channel.post(cell.channelId(), ticket.source().channel(),
                new CellMessage.StatusRequested(ticket.id(),
                Duration.between(cell.lastStatusAt(), now), cell.commander()));
        if (!asked.isDone()) {
            cells.statusNotAsked(cellId, now);
        }
        if (asked instanceof ChatAnswer.RetryLater<String> later) {
            // Thrown for the timer to try again with its back-off.
            throw new IllegalStateException("the status request of " + ticket.id() + " was not posted: "
                    + later.reason());
        }
        cadence.checkAt(cellId, now.plus(settings.statusEvery()));
    }

    /** What a cell's buttons do for the team; each is the cell's commander's, support's and the leads' alone. */
    public enum CellAction {
        /** Post a status update: it goes to the reporter, every related reporter and the stakeholders. */
        POST_STATUS,
        /** Say the incident is resolved: the reporter is told and the review drafted. */
        RESOLVE
    }

    /** Whether someone may act for the team in a ticket's crisis cell. */
    public sealed interface Acting {
        /** They may: the cell's commander, or a member of support (leads count as support). */
        record Allowed(Ticket ticket, String by, CellAction action) implements Acting {
        }

        /**
         * Anyone else: a public cell is open to the whole workspace, but what is said there in the team's name
         * reaches the reporter, every related reporter and the stakeholders. They are told who can.
         *
         * @param commander the cell's commander; null when it has none
         */
        record NotAllowed(TicketId ticket, CellAction action, String commander) implements Acting {
        }

        /** The ticket does not exist, or has no crisis cell: {@code reason} says which, in the reader's words. */
        record NoCell(Phrase reason) implements Acting {
        }
    }

    /**
     * Who acts for the team in a cell: its commander (named by a lead, or the first lead, and not necessarily in
     * the support group), support and the leads. Checked when a button is clicked and again when its dialog is
     * submitted, since a dialog can be submitted by whoever had it open.
     */
    public Acting acting(String workspace, TicketId id, String user, CellAction action, Predicate<String> isSupport) {
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Acting.NoCell(Phrase.of("crisis.refused.no_ticket", "ticket", id.toString()));
        }
        Optional<CrisisCell> cell = cells.ofTicket(found.get().key());
        if (cell.isEmpty()) {
            return new Acting.NoCell(Phrase.of("crisis.refused.no_cell", "ticket", id.toString()));
        }
        String commander = cell.get().commander();
        if (user == null || !user.equals(commander) && !isSupport.test(user)) {
            return new Acting.NotAllowed(id, action, commander);
        }
        return new Acting.Allowed(found.get(), user, action);
    }

    /** What became of a status update. */
    public sealed interface Update {
        record Posted() implements Update {
        }

        /** Not posted in the cell; nothing was relayed or recorded. */
        record NotPosted(String why) implements Update {
        }
    }

    /**
     * A status update from the cell by someone {@link #acting} allowed: posted there, relayed to the reporter in
     * their words, and to stakeholders.
     */
    public Update statusUpdate(Acting.Allowed allowed, String known, String doing, Instant nextAt) {
        if (allowed.action() != CellAction.POST_STATUS) {
            throw new IllegalArgumentException("allowed to " + allowed.action() + ", not to post a status update");
        }
        Ticket ticket = allowed.ticket();
        String by = allowed.by();
        Optional<CrisisCell> found = cells.ofTicket(ticket.key());
        if (found.isEmpty() || found.get().channelId() == null) {
            return new Update.NotPosted(ticket.id() + " has no crisis cell");
        }
        CrisisCell cell = found.get();
        StatusReport report = new StatusReport(ticket.id(), by, known, doing, nextAt);
        ChatAnswer<String> posted = channel.post(cell.channelId(), ticket.source().channel(),
                new CellMessage.StatusPosted(report));
        if (!posted.isDone()) {
            return new Update.NotPosted(posted.problem());
        }
        tell(channel.postInThread(ticket.source(), new CellMessage.StatusForReporter(report)), ticket,
                "the reporter the status update");
        if (stakeholderChannel != null) {
            tell(channel.post(stakeholderChannel, ticket.source().channel(),
                    new CellMessage.StatusForStakeholders(report)), ticket,
                    "the stakeholders the status update");
        }
        followers.statusUpdate(ticket, report);
        Instant now = clock.instant();
        cells.statusPosted(cell.id(), now);
        tickets.append(ticket.key(), new TimelineEntry(now, "status_update", by, known + " / " + doing));
        cadence.checkAt(cell.id(), now.plus(settings.statusEvery()));
        return new Update.Posted();
    }

    /** What became of naming a commander; refusals are said in words the lead can act on. */
    public sealed interface Naming {
        record Named(Ticket ticket, String commander) implements Naming {
        }

        /** Why not, said in the lead's language at the edge. */
        record Refused(Phrase why) implements Naming {
        }
    }

    /** A lead names the commander of an open cell: invited, announced in the cell, the topic redrawn. */
    public Naming nameCommander(String workspace, TicketId id, String commander, String by,
                                Predicate<String> isLead) {
        if (!isLead.test(by)) {
            return new Naming.Refused(Phrase.of("crisis.refused.not_lead"));
        }
        Optional<Ticket> found = tickets.byId(workspace, id);
        if (found.isEmpty()) {
            return new Naming.Refused(Phrase.of("crisis.refused.no_ticket", "ticket", id.toString()));
        }
        Ticket ticket = found.get();
        Optional<CrisisCell> cell = cells.ofTicket(ticket.key()).filter(CrisisCell::isOpen);
        if (cell.isEmpty()) {
            return new Naming.Refused(Phrase.of("crisis.refused.no_open_cell", "ticket", id.toString()));
        }
        cells.commander(cell.get().id(), commander);
        tell(channel.invite(cell.get().channelId(), commander), ticket, "the new commander by an invitation");
        tell(channel.post(cell.get().channelId(), ticket.source().channel(),
                new CellMessage.CommanderNamed(commander)), ticket,
                "the cell who commands");
        tickets.append(ticket.key(), new TimelineEntry(clock.instant(), "crisis", by, "commander " + commander));
        refreshTopic(ticket);
        return new Naming.Named(ticket, commander);
    }

    /** The post-incident review draft (REX), from the ticket's timeline and its SLA. */
    ReviewDraft review(Ticket ticket) {
        return ReviewDraft.of(ticket, tickets.timeline(ticket.key()), List.copyOf(sla.statuses(ticket).values()),
                qualifications.latest(ticket.key()).orElse(null), slaClock.calendar(), clock.instant());
    }

    /** Closed by a lead: the cell is archived. */
    private void archive(Ticket ticket) {
        cells.ofTicket(ticket.key()).filter(c -> c.channelId() != null && c.state() != CrisisCell.State.ARCHIVED)
                .ifPresent(cell -> {
                    ChatAnswer<Void> archived = channel.archive(cell.channelId());
                    if (archived.isDone()) {
                        cells.archived(cell.id(), clock.instant());
                    } else {
                        log.log(System.Logger.Level.WARNING, "crisis cell of {0}: not archived: {1}", ticket.id(),
                                archived.problem());
                    }
                });
    }

    private static void tell(ChatAnswer<?> answer, Ticket ticket, String what) {
        if (!answer.isDone()) {
            log.log(System.Logger.Level.WARNING, "crisis cell of {0}: could not tell {1}: {2}", ticket.id(), what,
                    answer.problem());
        }
    }
}
