package app.pompier.slack;

import app.pompier.ticket.SupportRoles;
import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisCells;
import app.pompier.crisis.CrisisChannelName;
import app.pompier.crisis.CrisisSettings;
import app.pompier.crisis.CrisisStep;
import app.pompier.crisis.StatusCadence;
import app.pompier.qualification.Answers;
import app.pompier.sla.BusinessDurations;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.sla.SlaGoal;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketEscalation;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.model.block.LayoutBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * The crisis cell of every confirmed P1 in Slack. Cells open one at a time, oldest request first, so a storm
 * of P1s gets its channels in order of arrival while the gateway waits out Tier 2's 429s. Each step of an
 * opening is recorded; an interrupted opening resumes at the step it stopped, a step that cannot succeed is
 * reported in the cell and skipped.
 */
public final class CrisisChannels implements TicketEscalation {
    private static final Logger log = LoggerFactory.getLogger(CrisisChannels.class);
    public static final String STATUS_ACTION = "crisis_status";
    public static final String RESOLVED_ACTION = "crisis_resolved";
    private static final int MAX_NAME_ATTEMPTS = 20;

    private final CrisisCells cells;
    private final Tickets tickets;
    private final SlackGateway slack;
    private final TicketThread thread;
    private final SupportRoles roles;
    private final CrisisSettings settings;
    private final ReadingSla sla;
    private final SlaClock slaClock;
    private final SlaWords words;
    private final TimeWords time;
    private final StatusCadence cadence;
    private final Function<Ticket, Optional<Answers>> answersOf;
    private final String botUserId;
    private final String stakeholderChannelId;
    private final Clock clock;
    private final ExecutorService opener;

    public CrisisChannels(CrisisCells cells, Tickets tickets, SlackGateway slack, TicketThread thread,
                          SupportRoles roles, CrisisSettings settings, ReadingSla sla, SlaClock slaClock,
                          SlaWords words, TimeWords time,
                          StatusCadence cadence, Function<Ticket, Optional<Answers>> answersOf, String botUserId,
                          String stakeholderChannelId, Clock clock, ExecutorService opener) {
        this.cells = cells;
        this.tickets = tickets;
        this.slack = slack;
        this.thread = thread;
        this.roles = roles;
        this.settings = settings;
        this.sla = sla;
        this.slaClock = slaClock;
        this.words = words;
        this.time = time;
        this.cadence = cadence;
        this.answersOf = answersOf;
        this.botUserId = botUserId;
        this.stakeholderChannelId = stakeholderChannelId;
        this.clock = clock;
        this.opener = opener;
    }

    // ---------------------------------------------------------------- opening

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
    @Override
    public void requestCellIfConfirmedP1(long ticketKey) {
        try {
            opener.execute(() -> {
                try {
                    tickets.byKey(ticketKey).ifPresent(this::requestIfConfirmedP1);
                } catch (RuntimeException e) {
                    log.error("ticket {}: its crisis cell could not be requested; the sweep tries again", ticketKey, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("shutting down: the next start requests the cells that wait");
        }
    }

    /** Opens what waits, on the one opener thread. */
    public void openSoon() {
        try {
            opener.execute(this::openPending);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("shutting down: the next start opens the cells that wait");
        }
    }

    /** Opens every cell due, in order of request; stops at the first that must wait, to keep the order. */
    public void openPending() {
        try {
            for (long cellId : cells.opening(clock.instant(), 100)) {
                if (!open(cellId)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("opening crisis cells failed; the next sweep tries again", e);
        }
    }

    private boolean open(long cellId) {
        CrisisCell cell = cells.byId(cellId).orElseThrow();
        Ticket ticket = tickets.byKey(cell.ticketKey()).orElseThrow();
        try {
            for (Optional<CrisisStep> next = cell.nextStep(); next.isPresent(); next = cell.nextStep()) {
                if (!run(next.get(), cell, ticket)) {
                    return true;
                }
                cell = cells.byId(cellId).orElseThrow();
            }
            cells.opened(cellId, clock.instant());
            tickets.append(ticket.key(), new TimelineEntry(clock.instant(), "crisis", null,
                    "crisis cell opened: #" + cell.channelName()));
            cadence.checkAt(cellId, clock.instant().plus(settings.statusEvery()));
            reportFailedSteps(cells.byId(cellId).orElseThrow());
            return true;
        } catch (SlackUnavailableException e) {
            Instant retry = clock.instant().plusSeconds(30);
            log.warn("crisis cell of {}: Slack unavailable ({}); resuming at {}", ticket.id(), e.getMessage(), retry);
            cells.retryLater(cellId, retry, e.getMessage());
            return false;
        }
    }

    /** Runs one step; false when the whole opening cannot go on (no channel). */
    private boolean run(CrisisStep step, CrisisCell cell, Ticket ticket) {
        Instant now = clock.instant();
        switch (step) {
            case CREATE_CHANNEL -> {
                return createChannel(cell, ticket);
            }
            case INVITE -> {
                List<String> failures = new ArrayList<>();
                for (String user : invitees(cell, ticket)) {
                    var invited = slack.call("conversations.invite",
                            m -> m.conversationsInvite(r -> r.channel(cell.channelId()).users(List.of(user))));
                    if (!invited.isOk() && !SlackErrors.alreadyDone(invited.getError())) {
                        transientOrPermanent(invited);
                        failures.add(Mention.of(user) + " (" + invited.getError() + ")");
                    }
                }
                if (failures.isEmpty()) {
                    cells.stepDone(cell.id(), step, null, now);
                } else {
                    cells.stepFailed(cell.id(), step, "could not invite " + String.join(", ", failures), now);
                }
            }
            case TOPIC -> record(cell, step, slack.call("conversations.setTopic",
                    m -> m.conversationsSetTopic(r -> r.channel(cell.channelId()).topic(topic(ticket, cell)))));
            case SUMMARY -> {
                var posted = slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(cell.channelId())
                        .text("Crisis cell of " + ticket.id()).blocks(summary(ticket, cell)).unfurlLinks(false)));
                if (posted.isOk()) {
                    cells.summaryPosted(cell.id(), posted.getTs(), now);
                } else {
                    record(cell, step, posted);
                }
            }
            case PIN -> {
                if (cell.summaryTs() == null) {
                    cells.stepFailed(cell.id(), step, "no summary to pin", now);
                } else {
                    record(cell, step, slack.call("pins.add",
                            m -> m.pinsAdd(r -> r.channel(cell.channelId()).timestamp(cell.summaryTs()))));
                }
            }
            case BOOKMARK -> {
                if (ticket.permalink() == null) {
                    cells.stepFailed(cell.id(), step, "the original message has no link", now);
                } else {
                    record(cell, step, slack.call("bookmarks.add", m -> m.bookmarksAdd(r -> r
                            .channelId(cell.channelId()).title("Original report " + ticket.id()).type("link")
                            .link(ticket.permalink()))));
                }
            }
            case LINK_IN_THREAD -> record(cell, step, thread.post(ticket.source(), (":rotating_light: *" + ticket.id() + "* is a P1: a crisis cell is open in <#" + cell.channelId()
                            + ">. We will keep you informed here.")));
        }
        return true;
    }

    /** Creates the channel; a taken name gets a suffix, unless the channel is one this very opening made. */
    private boolean createChannel(CrisisCell cell, Ticket ticket) {
        for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
            String name = CrisisChannelName.of(settings.channelTemplate(), ticket, attempt);
            var created = slack.call("conversations.create", m -> m.conversationsCreate(r -> r.name(name)
                    .isPrivate(false)));
            if (created.isOk()) {
                cells.channelCreated(cell.id(), created.getChannel().getId(), name, clock.instant());
                return true;
            }
            if (!"name_taken".equals(created.getError())) {
                transientOrPermanent(created);
                cells.failed(cell.id(), created.getError(), clock.instant());
                tellThread(ticket, ":warning: *" + ticket.id() + "* is a P1, but its crisis cell could not be created"
                        + " (Slack: `" + created.getError() + "`). Support leads, please open one by hand.");
                return false;
            }
            Optional<Conversation> ours = ownChannelNamed(name, cell.requestedAt());
            if (ours.isPresent()) {
                // Created just before a crash, never recorded: this is the cell's channel.
                cells.channelCreated(cell.id(), ours.get().getId(), name, clock.instant());
                return true;
            }
        }
        cells.failed(cell.id(), "name_taken", clock.instant());
        tellThread(ticket, ":warning: *" + ticket.id() + "* is a P1, but every name tried for its crisis cell was"
                + " taken. Support leads, please open one by hand.");
        return false;
    }

    private Optional<Conversation> ownChannelNamed(String name, Instant requestedAt) {
        String cursor = null;
        do {
            String page = cursor;
            var list = slack.call("conversations.list", m -> m.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL)).limit(1000).cursor(page)));
            if (!list.isOk()) {
                return Optional.empty();
            }
            for (Conversation c : list.getChannels()) {
                if (name.equals(c.getName()) && botUserId.equals(c.getCreator())
                        && c.getCreated() != null && c.getCreated() >= requestedAt.getEpochSecond()) {
                    return Optional.of(c);
                }
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.empty();
    }

    private void record(CrisisCell cell, CrisisStep step, SlackApiTextResponse response) {
        if (response.isOk() || SlackErrors.alreadyDone(response.getError())) {
            cells.stepDone(cell.id(), step, null, clock.instant());
        } else {
            transientOrPermanent(response);
            cells.stepFailed(cell.id(), step, response.getError(), clock.instant());
        }
    }

    /** An error that is not known to be permanent is Slack being unavailable: the opening resumes later. */
    private static void transientOrPermanent(SlackApiTextResponse response) {
        if (!SlackErrors.permanent(response.getError())) {
            throw new SlackUnavailableException("ok:false", response.getError(), null);
        }
    }

    private Set<String> invitees(CrisisCell cell, Ticket ticket) {
        Set<String> users = new LinkedHashSet<>();
        if (app.pompier.ticket.People.isPerson(ticket.reporter())) {
            users.add(ticket.reporter());
        }
        if (cell.commander() != null) {
            users.add(cell.commander());
        }
        users.addAll(roles.leads());
        if (ticket.assignee() != null) {
            users.add(ticket.assignee());
        }
        users.addAll(settings.invite());
        users.remove(botUserId);
        return users;
    }

    private void reportFailedSteps(CrisisCell cell) {
        List<String> failed = cell.steps().values().stream().filter(s -> !s.done())
                .map(s -> "• could not " + s.step().words() + ": " + s.detail()).toList();
        if (!failed.isEmpty() && cell.channelId() != null) {
            post(cell.channelId(), ":warning: Opening this cell was not complete:\n" + String.join("\n", failed));
        }
    }

    // ---------------------------------------------------------------- running

    /** "P1 · take-in due 10:45 · resolution due Wed 10:00 · In progress · commander @x". */
    public String topic(Ticket t, CrisisCell cell) {
        List<String> parts = new ArrayList<>();
        parts.add(t.priority() == app.pompier.ticket.Priority.P1 ? t.id() + " · P1"
                : t.id() + " · downgraded to " + t.priority());
        for (GoalStatus s : sla.statuses(t).values()) {
            parts.add(words.state(s));
        }
        parts.add(t.state().label());
        parts.add("commander " + (cell.commander() == null ? "to name" : Mention.of(cell.commander())));
        String topic = String.join(" · ", parts);
        return topic.length() > 250 ? topic.substring(0, 249) + "…" : topic;
    }

    /** Redraws the topic of an open cell after a change of priority, state, SLA or commander. */
    public void refreshTopic(Ticket ticket) {
        cells.ofTicket(ticket.key()).filter(CrisisCell::isOpen).ifPresent(cell -> {
            try {
                slack.call("conversations.setTopic",
                        m -> m.conversationsSetTopic(r -> r.channel(cell.channelId()).topic(topic(ticket, cell))));
            } catch (SlackUnavailableException e) {
                log.warn("crisis cell of {}: topic not updated: {}", ticket.id(), e.getMessage());
            }
        });
    }

    /** The cell of a ticket, once open: SLA reminders are posted there too. */
    public Optional<String> openChannelOf(long ticketKey) {
        return cells.ofTicket(ticketKey).filter(CrisisCell::isOpen).map(CrisisCell::channelId);
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
        String text = ":loudspeaker: No status update on " + ticket.id() + " for "
                + BusinessDurations.words(Duration.between(cell.lastStatusAt(), now))
                + (cell.commander() != null ? ". " + Mention.of(cell.commander()) + ", what do we know?" : ".");
        slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(cell.channelId()).text(text)
                .blocks(List.of(section(s -> s.text(markdownText(text))), actions(a -> a.elements(List.of(
                        button(b -> b.actionId(STATUS_ACTION).value(ticket.id().toString()).style("primary")
                                .text(plainText("Post a status update"))))))))));
        cadence.checkAt(cellId, now.plus(settings.statusEvery()));
    }

    /** A status update from the cell: posted there, relayed to the reporter in their words, and to stakeholders. */
    public void statusUpdate(Ticket ticket, String by, String known, String doing, Instant nextAt) {
        CrisisCell cell = cells.ofTicket(ticket.key()).orElseThrow();
        String next = time.when(nextAt);
        post(cell.channelId(), ":memo: *Status update* by " + Mention.of(by) + "\n*What we know:* "
                + SlackText.escape(known) + "\n*What we are doing:* " + SlackText.escape(doing)
                + "\n*Next update:* " + next);
        tellThread(ticket, "Update on your report *" + ticket.id() + "*: " + SlackText.escape(known) + " "
                + "We are " + SlackText.escape(lowerFirst(doing)) + " We will tell you more by " + next + ".");
        if (stakeholderChannelId != null) {
            post(stakeholderChannelId, ":rotating_light: *" + ticket.id() + "* (P1) · " + SlackText.escape(known)
                    + " · next update " + next);
        }
        Instant now = clock.instant();
        cells.statusPosted(cell.id(), now);
        tickets.append(ticket.key(), new TimelineEntry(now, "status_update", by, known + " / " + doing));
        cadence.checkAt(cell.id(), now.plus(settings.statusEvery()));
    }

    private static String lowerFirst(String text) {
        String t = text.strip();
        String sentence = t.endsWith(".") ? t : t + ".";
        return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** The cell follows its ticket: the topic says where it stands, a resolution gets its review draft. */
    @Override
    public void changed(Ticket ticket, TicketState before) {
        refreshTopic(ticket);
        if (ticket.state() == TicketState.RESOLVED && before != TicketState.RESOLVED) {
            openChannelOf(ticket.key()).ifPresent(channel -> post(channel, review(ticket)));
        }
        if (ticket.state() == TicketState.CLOSED && before != TicketState.CLOSED) {
            closed(ticket);
        }
    }

    /** Closed by a lead: the cell is archived. */
    public void closed(Ticket ticket) {
        cells.ofTicket(ticket.key()).filter(c -> c.channelId() != null && c.state() != CrisisCell.State.ARCHIVED)
                .ifPresent(cell -> {
                    var archived = slack.call("conversations.archive",
                            m -> m.conversationsArchive(r -> r.channel(cell.channelId())));
                    if (archived.isOk() || "already_archived".equals(archived.getError())) {
                        cells.archived(cell.id(), clock.instant());
                    } else {
                        log.warn("crisis cell of {}: not archived: {}", ticket.id(), archived.getError());
                    }
                });
    }

    public void commander(Ticket ticket, String user) {
        cells.ofTicket(ticket.key()).ifPresent(cell -> {
            cells.commander(cell.id(), user);
            if (cell.channelId() != null) {
                slack.call("conversations.invite",
                        m -> m.conversationsInvite(r -> r.channel(cell.channelId()).users(List.of(user))));
                post(cell.channelId(), ":large_blue_circle: " + Mention.of(user) + " is now the commander.");
            }
        });
    }

    /** The post-incident review draft (REX), from the ticket's timeline and its SLA. */
    String review(Ticket t) {
        StringBuilder r = new StringBuilder(":clipboard: *Post-incident review (REX) draft — " + t.id() + "*\n\n");
        r.append("*Timeline*\n");
        for (TimelineEntry e : tickets.timeline(t.key())) {
            if (List.of("created", "state", "priority", "taken", "status_update", "sla", "crisis").contains(e.kind())) {
                r.append("• ").append(time.when(e.at())).append(" — ").append(e.kind().replace('_', ' '))
                        .append(e.actor() != null ? " by " + Mention.of(e.actor()) : "").append(": ")
                        .append(SlackText.escape(SlackText.excerpt(e.detail(), 200))).append('\n');
            }
        }
        r.append("\n*Times*\n");
        Instant start = t.slaStartedAt() != null ? t.slaStartedAt() : t.createdAt();
        Instant resolvedAt = t.resolvedAt() != null ? t.resolvedAt() : clock.instant();
        if (t.takenAt() != null) {
            r.append("• to take in: ").append(durations(start, t.takenAt())).append('\n');
        }
        r.append("• to resolve: ").append(durations(start, resolvedAt)).append('\n');
        Map<SlaGoal, GoalStatus> statuses = sla.statuses(t);
        for (GoalStatus s : statuses.values()) {
            r.append("• SLA ").append(s.goal().words()).append(": ").append(s.breached() ? "breached" : "met")
                    .append(" (target ").append(s.target().words()).append(")\n");
        }
        answersOf.apply(t).ifPresent(a -> r.append("\n*Impact*: ").append(a.impact().code().replace("essential:",
                        "essential function unusable: ")).append(", ").append(a.reach().words())
                .append("\n*Workaround*: ").append(a.hasWorkaround() ? SlackText.escape(a.workaround()) : "none")
                .append('\n'));
        r.append("\n*Questions the review must answer*\n")
                .append("• What was the root cause?\n")
                .append("• What should have caught it: regression tests, acceptance, an unforeseen business case?\n")
                .append("• How did we learn of it, and could we have learnt sooner?\n")
                .append("• What do we change so that it does not happen again, and who owns each action?\n");
        return r.toString();
    }

    private String durations(Instant from, Instant to) {
        return BusinessDurations.words(slaClock.calendar().between(from, to)) + " business time, "
                + BusinessDurations.words(Duration.between(from, to)) + " wall time";
    }

    private List<LayoutBlock> summary(Ticket t, CrisisCell cell) {
        Optional<Answers> a = answersOf.apply(t);
        StringBuilder text = new StringBuilder(":rotating_light: *" + t.id() + " · P1* — "
                + SlackText.escape(SlackText.excerpt(t.text(), 300)) + "\n");
        a.ifPresent(x -> {
            text.append("*Steps to reproduce:* ").append(SlackText.escape(orDash(x.steps()))).append('\n');
            text.append("*Where:* ").append(SlackText.escape(orDash(x.location()))).append('\n');
            text.append("*Error:* ").append(SlackText.escape(orDash(x.errorMessage()))).append('\n');
            text.append("*Impact:* ").append(x.impact().code().replace("essential:", "cannot "))
                    .append(", for ").append(x.reach().words()).append('\n');
            text.append("*Workaround:* ").append(x.hasWorkaround() ? SlackText.escape(x.workaround()) : "none")
                    .append('\n');
        });
        text.append("*Reporter:* ").append(Mention.of(t.reporter()));
        if (cell.commander() != null) {
            text.append(" · *Commander:* ").append(Mention.of(cell.commander()));
        }
        if (t.permalink() != null) {
            text.append("\n<").append(t.permalink()).append("|Original report and ticket thread>");
        }
        return List.of(section(s -> s.text(markdownText(text.toString()))), actions(x -> x.elements(List.of(
                button(b -> b.actionId(STATUS_ACTION).value(t.id().toString()).text(plainText("Post a status update"))),
                button(b -> b.actionId(RESOLVED_ACTION).value(t.id().toString()).style("primary")
                        .text(plainText("Resolved")))))));
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    private void post(String channel, String text) {
        slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel).text(text).unfurlLinks(false)));
    }

    private void tellThread(Ticket t, String text) {
        thread.post(t.source(), text);
    }
}
