package app.pompier.crisis;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.qualification.Answers;
import app.pompier.qualification.Impact;
import app.pompier.qualification.Qualification;
import app.pompier.qualification.Qualifications;
import app.pompier.qualification.Reach;
import app.pompier.qualification.Reproducibility;
import app.pompier.sla.BusinessCalendar;
import app.pompier.sla.GoalClock;
import app.pompier.sla.Pause;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.sla.SlaClocks;
import app.pompier.sla.SlaGoal;
import app.pompier.sla.SlaPolicy;
import app.pompier.testing.InMemoryTickets;
import app.pompier.testing.MutableClock;
import app.pompier.ticket.ChatAnswer;
import app.pompier.ticket.Priority;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The crisis procedure as plain Java: a fixed clock, cells and tickets in memory, the chat a recording fake. */
class CrisisProcedureTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String REPORTER = "UREPORTER";
    static final String LEAD = "ULEAD0001";
    static final String AGENT = "UAGENT001";
    /** What a refusal says to an English reader. */
    static final Words ENGLISH = Languages.only("en", PARIS, java.time.Clock.systemUTC()).team();

    final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant());
    final InMemoryTickets tickets = new InMemoryTickets();
    final InMemoryCells cells = new InMemoryCells();
    final FakeChannel chat = new FakeChannel();
    final List<String> cadence = new ArrayList<>();
    final Map<Long, Answers> answers = new HashMap<>();
    List<String> leads = List.of(LEAD);
    CrisisSettings settings = new CrisisSettings(CrisisChannelName.DEFAULT_TEMPLATE, List.of(), null,
            Duration.ofMinutes(30), "C0STAKEHO");

    OpeningCrisisCell opening() {
        return new OpeningCrisisCell(cells, tickets, chat, roles(), settings, sla(), qualifications(),
                (cellId, at) -> cadence.add(cellId + "@" + at), clock, new SameThread(), app.pompier.ticket.Turns.inProcess(app.pompier.ticket.Claims.alone()),
                app.pompier.ticket.Claims.alone());
    }

    RunningCrisisCell running() {
        return new RunningCrisisCell(cells, tickets, chat, opening(), settings, sla(), slaClock(), qualifications(),
                (cellId, at) -> cadence.add(cellId + "@" + at), settings.stakeholderChannel(), CellFollowers.NONE, clock);
    }

    Ticket p1(long key, String text) {
        return tickets.add(key, REPORTER, text, clock.instant(), t -> t);
    }

    @Test
    void a_confirmed_p1_gets_every_step_in_order_and_its_cell_opens_once() {
        OpeningCrisisCell opening = opening();
        Ticket ticket = p1(1, "Impossible de me connecter à l'espace client !");

        opening.requestIfConfirmedP1(ticket);
        opening.requestIfConfirmedP1(ticket);

        assertEquals(List.of("create crise-inc-1-impossible-de-me-connecter-a-l-espace", "invite UREPORTER",
                "invite ULEAD0001", "topic", "post Summary", "pin", "bookmark INC-1",
                "thread CellOpened"), chat.calls);
        CrisisCell cell = cells.ofTicket(1).orElseThrow();
        assertEquals(CrisisCell.State.OPEN, cell.state());
        assertEquals(LEAD, cell.commander(), "the first lead commands when the team named nobody");
        assertEquals(List.of(cell.id() + "@" + clock.instant().plus(Duration.ofMinutes(30))), cadence);
        assertTrue(tickets.timeline(1).stream().anyMatch(e -> e.detail().startsWith("crisis cell opened: #crise-inc-1")));
    }

    @Test
    void tickets_that_are_not_confirmed_p1s_or_have_ended_get_no_cell() {
        OpeningCrisisCell opening = opening();
        opening.requestIfConfirmedP1(tickets.add(1, REPORTER, "x", clock.instant(), t -> t.priority(Priority.P1, false)));
        opening.requestIfConfirmedP1(tickets.add(2, REPORTER, "x", clock.instant(), t -> t.priority(Priority.P2, true)));
        opening.requestIfConfirmedP1(tickets.add(3, REPORTER, "x", clock.instant(), t -> t.state(TicketState.RESOLVED)));

        assertEquals(List.of(), chat.calls);
        assertEquals(0, cells.cells.size());
    }

    @Test
    void not_now_stops_the_opening_and_those_after_it_which_resume_later_in_the_order_of_arrival() {
        OpeningCrisisCell opening = opening();
        chat.answers("create", new ChatAnswer.RetryLater<>("slack_unavailable: rate limited"));
        opening.requestIfConfirmedP1(p1(1, "Panne une"));
        opening.requestIfConfirmedP1(p1(2, "Panne deux"));

        assertEquals(List.of("create crise-inc-1-panne-une"), chat.calls, "the second waits behind the first");
        opening.openPending();
        assertEquals(1, chat.calls.size(), "nothing is tried again before its time");

        clock.advance(Duration.ofSeconds(30));
        opening.openPending();
        assertEquals(List.of("crise-inc-1-panne-une", "crise-inc-2-panne-deux"), chat.created);
        assertTrue(cells.ofTicket(1).orElseThrow().isOpen() && cells.ofTicket(2).orElseThrow().isOpen());
    }

    @Test
    void an_interrupted_opening_resumes_at_the_step_it_stopped() {
        OpeningCrisisCell opening = opening();
        chat.answers("pin", new ChatAnswer.RetryLater<>("HTTP 500"));
        opening.requestIfConfirmedP1(p1(1, "Portail indisponible"));
        int before = chat.calls.size();

        clock.advance(Duration.ofMinutes(1));
        opening.openPending();

        assertEquals(List.of("pin", "bookmark INC-1", "thread CellOpened"),
                chat.calls.subList(before, chat.calls.size()), "the channel, invitations and summary are not redone");
        assertEquals(1, chat.created.size());
    }

    @Test
    void a_taken_name_gets_a_suffix_unless_the_channel_is_one_this_opening_made_before_a_crash() {
        OpeningCrisisCell opening = opening();
        chat.answers("create", new ChatAnswer.CannotSucceed<>(CellChannel.NAME_TAKEN));
        opening.requestIfConfirmedP1(p1(1, "Recherche en panne"));
        assertEquals(List.of("crise-inc-1-recherche-en-panne-2"), chat.created);

        chat.answers("create", new ChatAnswer.CannotSucceed<>(CellChannel.NAME_TAKEN));
        chat.ownChannel = Optional.of("C0OURS");
        opening.requestIfConfirmedP1(p1(2, "Facturation en panne"));
        assertEquals("C0OURS", cells.ofTicket(2).orElseThrow().channelId());
        assertEquals(1, chat.created.size(), "no second channel for the same cell");
    }

    @Test
    void a_person_who_cannot_be_invited_is_reported_in_the_cell_and_the_opening_goes_on() {
        OpeningCrisisCell opening = opening();
        chat.answers("invite", new ChatAnswer.CannotSucceed<>("user_is_restricted"));
        opening.requestIfConfirmedP1(p1(1, "Connexion impossible"));

        CrisisCell cell = cells.ofTicket(1).orElseThrow();
        assertTrue(cell.isOpen());
        CellMessage.OpeningIncomplete report = (CellMessage.OpeningIncomplete) chat.last(CellMessage.OpeningIncomplete.class);
        assertEquals(List.of(new CrisisCell.Refusal(REPORTER, "user_is_restricted")), report.failed().get(0).refusals());
    }

    @Test
    void a_channel_that_can_never_be_created_fails_the_cell_and_asks_the_leads_in_the_ticket_thread() {
        OpeningCrisisCell opening = opening();
        chat.answers("create", new ChatAnswer.CannotSucceed<>("restricted_action"));
        opening.requestIfConfirmedP1(p1(1, "Connexion impossible"));
        opening.requestIfConfirmedP1(p1(2, "Recherche impossible"));

        assertEquals(CrisisCell.State.FAILED, cells.ofTicket(1).orElseThrow().state());
        assertEquals(new CellMessage.CellNotCreated(tickets.byKey(1).orElseThrow().id(), "restricted_action"),
                chat.last(CellMessage.CellNotCreated.class));
        assertTrue(cells.ofTicket(2).orElseThrow().isOpen(), "the next cell does not wait behind a failed one");
    }

    @Test
    void the_reporter_if_a_person_the_commander_the_leads_the_assignee_and_the_team_list_are_invited() {
        CrisisCell cell = new CrisisCell(1, 1, CrisisCell.State.OPENING, "C1", "c", "UCOMMAND", null,
                clock.instant(), null, Map.of());
        Ticket byAPerson = tickets.add(1, REPORTER, "x", clock.instant(), t -> t.assignee(AGENT, clock.instant()));
        Ticket byABot = tickets.add(2, "B0BOT", "x", clock.instant(), t -> t);

        assertEquals(List.of(REPORTER, "UCOMMAND", LEAD, AGENT, "UALWAYS"), List.copyOf(OpeningCrisisCell.invitees(
                cell, byAPerson, List.of(LEAD, "UCOMMAND"), List.of("UALWAYS", AGENT))));
        assertEquals(List.of("UCOMMAND", LEAD), List.copyOf(OpeningCrisisCell.invitees(cell, byABot, List.of(LEAD),
                List.of())));
    }

    @Test
    void the_commander_is_the_one_the_team_named_else_the_first_lead_else_the_assignee() {
        settings = new CrisisSettings(CrisisChannelName.DEFAULT_TEMPLATE, List.of(), "UNAMED01", Duration.ofMinutes(30), null);
        opening().requestIfConfirmedP1(p1(1, "a"));
        settings = CrisisSettings.defaults();
        leads = List.of();
        opening().requestIfConfirmedP1(tickets.add(2, REPORTER, "b", clock.instant(), t -> t.assignee(AGENT, clock.instant())));

        assertEquals("UNAMED01", cells.ofTicket(1).orElseThrow().commander());
        assertEquals(AGENT, cells.ofTicket(2).orElseThrow().commander());
    }

    @Test
    void silence_asks_the_commander_for_news_and_a_check_before_its_time_waits_for_it() {
        opening().requestIfConfirmedP1(p1(1, "Back-office inaccessible"));
        long cellId = cells.ofTicket(1).orElseThrow().id();
        cadence.clear();

        clock.advance(Duration.ofMinutes(10));
        running().checkStatus(cellId);
        assertEquals(List.of(cellId + "@" + clock.instant().plus(Duration.ofMinutes(20))), cadence);

        clock.advance(Duration.ofMinutes(21));
        running().checkStatus(cellId);
        CellMessage.StatusRequested asked = (CellMessage.StatusRequested) chat.last(CellMessage.StatusRequested.class);
        assertEquals(Duration.ofMinutes(31), asked.silence());
        assertEquals(LEAD, asked.commander());
    }

    @Test
    void a_status_update_is_posted_relayed_to_the_reporter_and_the_stakeholders_and_restarts_the_cadence() {
        opening().requestIfConfirmedP1(p1(1, "Back-office inaccessible"));
        cadence.clear();
        Ticket ticket = tickets.byKey(1).orElseThrow();
        Instant next = clock.instant().plus(Duration.ofMinutes(30));

        var update = running().statusUpdate(allowed(ticket, LEAD), "Le serveur ne répond plus.", "Redémarrage", next);

        assertEquals(new RunningCrisisCell.Update.Posted(), update);
        StatusReport report = new StatusReport(ticket.id(), LEAD, "Le serveur ne répond plus.", "Redémarrage", next);
        assertEquals(List.of(new CellMessage.StatusPosted(report), new CellMessage.StatusForReporter(report),
                new CellMessage.StatusForStakeholders(report)), chat.posted.subList(chat.posted.size() - 3, chat.posted.size()));
        assertTrue(chat.calls.get(chat.calls.size() - 2).equals("thread StatusForReporter"));
        assertEquals(1, cadence.size());
        assertTrue(tickets.timeline(1).stream().anyMatch(e -> e.kind().equals("status_update") && LEAD.equals(e.actor())));
    }

    /** The cell's say-so that {@code user} posts a status update (the leads and the agent are support here). */
    RunningCrisisCell.Acting.Allowed allowed(Ticket ticket, String user) {
        return (RunningCrisisCell.Acting.Allowed) running().acting("T0TEAM001", ticket.id(), user,
                RunningCrisisCell.CellAction.POST_STATUS, List.of(LEAD, AGENT)::contains);
    }

    @Test
    void a_stranger_in_the_cell_may_neither_post_a_status_update_nor_resolve_and_is_told_who_commands() {
        opening().requestIfConfirmedP1(p1(1, "Back-office inaccessible"));
        Ticket ticket = tickets.byKey(1).orElseThrow();
        var support = List.of(LEAD, AGENT);

        for (var action : RunningCrisisCell.CellAction.values()) {
            assertEquals(new RunningCrisisCell.Acting.NotAllowed(ticket.id(), action, LEAD),
                    running().acting("T0TEAM001", ticket.id(), "USTRANGER", action, support::contains));
            assertEquals(new RunningCrisisCell.Acting.NotAllowed(ticket.id(), action, LEAD),
                    running().acting("T0TEAM001", ticket.id(), REPORTER, action, support::contains),
                    "the reporter is told in their thread; they do not speak for the team");
            assertEquals(new RunningCrisisCell.Acting.Allowed(ticket, AGENT, action),
                    running().acting("T0TEAM001", ticket.id(), AGENT, action, support::contains));
        }
        var noCell = (RunningCrisisCell.Acting.NoCell) running().acting("T0TEAM001",
                new app.pompier.ticket.TicketId("INC", 9), LEAD, RunningCrisisCell.CellAction.RESOLVE, support::contains);
        assertEquals("INC-9 does not exist; check the ticket id.", ENGLISH.say(noCell.reason()));
    }

    @Test
    void the_commander_acts_for_the_team_even_outside_the_support_group() {
        opening().requestIfConfirmedP1(p1(1, "Back-office inaccessible"));
        Ticket ticket = tickets.byKey(1).orElseThrow();
        running().nameCommander("T0TEAM001", ticket.id(), "UCOMMANDR", LEAD, LEAD::equals);
        List<String> support = List.of(LEAD);

        var acting = running().acting("T0TEAM001", ticket.id(), "UCOMMANDR", RunningCrisisCell.CellAction.POST_STATUS,
                support::contains);
        assertEquals(new RunningCrisisCell.Acting.Allowed(ticket, "UCOMMANDR", RunningCrisisCell.CellAction.POST_STATUS),
                acting);
        assertEquals(new RunningCrisisCell.Update.Posted(), running().statusUpdate(
                (RunningCrisisCell.Acting.Allowed) acting, "known", "doing", clock.instant()));
        assertEquals(new RunningCrisisCell.Acting.NotAllowed(ticket.id(), RunningCrisisCell.CellAction.RESOLVE,
                        "UCOMMANDR"),
                running().acting("T0TEAM001", ticket.id(), AGENT, RunningCrisisCell.CellAction.RESOLVE, support::contains));
    }

    @Test
    void a_status_update_the_cell_could_not_take_is_not_relayed() {
        opening().requestIfConfirmedP1(p1(1, "Back-office inaccessible"));
        chat.answers("post", new ChatAnswer.RetryLater<>("slack_unavailable"));
        int before = chat.calls.size();

        var update = running().statusUpdate(allowed(tickets.byKey(1).orElseThrow(), LEAD), "known", "doing",
                clock.instant());

        assertEquals(new RunningCrisisCell.Update.NotPosted("slack_unavailable"), update);
        assertEquals(1, chat.calls.size() - before);
    }

    @Test
    void resolution_posts_a_review_in_business_and_wall_time_and_closing_archives_the_cell() {
        opening().requestIfConfirmedP1(p1(1, "Impossible de créer un contact"));
        answers.put(1L, new Answers("1. Ouvrir", "/contacts", "Erreur 500", List.of(), "production", Reach.ALL_CUSTOMERS,
                Impact.fromCode("function"), Reproducibility.ALWAYS, null, null));
        Instant start = clock.instant();
        clock.advance(Duration.ofMinutes(20));
        tickets.put(tickets.add(1, REPORTER, "x", start, t -> t.assignee(AGENT, clock.instant())));
        tickets.append(1, new TimelineEntry(clock.instant(), "card_posted", null, "ts"));
        clock.advance(Duration.ofMinutes(70));
        Ticket resolved = tickets.add(1, REPORTER, "x", start, t -> t.assignee(AGENT, start.plus(Duration.ofMinutes(20)))
                .state(TicketState.RESOLVED).resolvedAt(clock.instant()));

        running().changed(resolved, TicketState.IN_PROGRESS);
        running().changed(resolved, TicketState.RESOLVED);

        List<Object> reviews = chat.posted.stream().filter(m -> m instanceof CellMessage.Review).toList();
        assertEquals(1, reviews.size(), "one review, on the change that resolved it");
        ReviewDraft draft = ((CellMessage.Review) reviews.get(0)).draft();
        assertEquals(new ReviewDraft.Spent(Duration.ofMinutes(20), Duration.ofMinutes(20)), draft.takeIn());
        assertEquals(new ReviewDraft.Spent(Duration.ofMinutes(90), Duration.ofMinutes(90)), draft.resolution());
        assertTrue(draft.timeline().stream().noneMatch(e -> e.kind().equals("card_posted")), "only what moved the incident");
        assertEquals(Reach.ALL_CUSTOMERS, draft.answers().reach());
        assertEquals(4, draft.questions().size());

        Ticket closed = tickets.add(1, REPORTER, "x", start, t -> t.state(TicketState.CLOSED));
        running().changed(closed, TicketState.RESOLVED);
        assertEquals(CrisisCell.State.ARCHIVED, cells.ofTicket(1).orElseThrow().state());
        assertTrue(chat.calls.contains("archive"));
    }

    @Test
    void only_a_lead_names_a_commander_of_an_open_cell_who_is_invited_and_announced() {
        opening().requestIfConfirmedP1(p1(1, "Panne"));
        Ticket ticket = tickets.byKey(1).orElseThrow();

        var refused = (RunningCrisisCell.Naming.Refused) running().nameCommander("T0TEAM001", ticket.id(), AGENT,
                AGENT, LEAD::equals);
        assertEquals("Only support leads name a crisis commander.", ENGLISH.say(refused.why()));
        var named = running().nameCommander("T0TEAM001", ticket.id(), AGENT, LEAD, LEAD::equals);

        assertEquals(new RunningCrisisCell.Naming.Named(ticket, AGENT), named);
        assertEquals(AGENT, cells.ofTicket(1).orElseThrow().commander());
        assertEquals(List.of("invite UAGENT001", "post CommanderNamed", "topic"),
                chat.calls.subList(chat.calls.size() - 3, chat.calls.size()));
    }

    // ---------------------------------------------------------------- the world, in memory

    SupportRoles roles() {
        return new SupportRoles() {
            public boolean isSupport(String user) {
                return true;
            }

            public boolean isLead(String user) {
                return leads.contains(user);
            }

            public List<String> leads() {
                return leads;
            }

            public Optional<String> teamOf(String category) {
                return Optional.empty();
            }

            public List<String> membersOf(String team) {
                return List.of();
            }
        };
    }

    Qualifications qualifications() {
        return new Qualifications() {
            public Recording record(Qualification qualification) {
                throw new AssertionError("not used");
            }

            public Optional<Answers> latest(long ticketKey) {
                return Optional.ofNullable(answers.get(ticketKey));
            }
        };
    }

    SlaClock slaClock() {
        return new SlaClock(BusinessCalendar.alwaysOpen(PARIS), SlaPolicy.defaults());
    }

    ReadingSla sla() {
        return new ReadingSla(new SlaClocks() {
            public Map<SlaGoal, GoalClock> of(long ticketKey) {
                return Map.of();
            }

            public List<Pause> pauses(long ticketKey) {
                return List.of();
            }

            public void save(long ticketKey, GoalClock c) {
                throw new AssertionError("not used");
            }

            public List<Long> dirty(int limit) {
                throw new AssertionError("not used");
            }

            public void markComputed(long ticketKey) {
                throw new AssertionError("not used");
            }

            public ReminderHold claimReminder(long k, SlaGoal g, Priority p, int t, Instant now) {
                throw new AssertionError("not used");
            }

            public boolean reminderInDoubt(long k, SlaGoal g, Priority p, int t, int attempt) {
                throw new AssertionError("not used");
            }

            public int doubtReminderClaims() {
                throw new AssertionError("not used");
            }

            public boolean reminderPosted(long k, SlaGoal g, Priority p, int t, int attempt, String ts) {
                throw new AssertionError("not used");
            }

            public Optional<String> reminderTs(long k, SlaGoal g, Priority p, int t) {
                throw new AssertionError("not used");
            }

            public List<Due> dueBefore(Instant until, int limit) {
                throw new AssertionError("not used");
            }
        }, slaClock(), clock);
    }

    /** Runs what the opener thread would, at once, so a test reads what happened right after asking. */
    static final class SameThread extends AbstractExecutorService {
        public void execute(Runnable command) {
            command.run();
        }

        public void shutdown() {
        }

        public List<Runnable> shutdownNow() {
            return List.of();
        }

        public boolean isShutdown() {
            return false;
        }

        public boolean isTerminated() {
            return false;
        }

        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** The chat, recording each call in order and answering done unless the test queued another answer. */
    static final class FakeChannel implements CellChannel {
        final List<String> calls = new ArrayList<>();
        final List<String> created = new ArrayList<>();
        final List<Object> posted = new ArrayList<>();
        final Map<String, Deque<ChatAnswer<?>>> next = new HashMap<>();
        Optional<String> ownChannel = Optional.empty();
        int ids;

        void answers(String call, ChatAnswer<?> answer) {
            next.computeIfAbsent(call, c -> new ArrayDeque<>()).add(answer);
        }

        Object last(Class<?> type) {
            return posted.stream().filter(type::isInstance).reduce((a, b) -> b).orElseThrow();
        }

        @SuppressWarnings("unchecked")
        private <T> ChatAnswer<T> answer(String call, String detail, T value) {
            calls.add(detail == null ? call : call + " " + detail);
            ChatAnswer<?> queued = next.getOrDefault(call, new ArrayDeque<>()).poll();
            return queued != null ? (ChatAnswer<T>) queued : ChatAnswer.done(value);
        }

        public ChatAnswer<String> create(String name) {
            ChatAnswer<String> a = answer("create", name, "C0CELL" + (++ids));
            if (a.isDone()) {
                created.add(name);
            }
            return a;
        }

        public ChatAnswer<Optional<String>> ownChannelNamed(String name, Instant since) {
            Optional<String> ours = ownChannel;
            ownChannel = Optional.empty();
            return ChatAnswer.done(ours);
        }

        public ChatAnswer<Void> invite(String channelId, String user) {
            return answer("invite", user, null);
        }

        public ChatAnswer<Void> setTopic(String channelId, String ticketChannel, CellTopic topic) {
            return answer("topic", null, null);
        }

        public ChatAnswer<String> post(String channelId, String ticketChannel, CellMessage message) {
            posted.add(message);
            return answer("post", message.getClass().getSimpleName(), "1800000002.00000" + posted.size());
        }

        public ChatAnswer<String> postInThread(SourceMessage thread, CellMessage message) {
            posted.add(message);
            return answer("thread", message.getClass().getSimpleName(), "1800000003.00000" + posted.size());
        }

        public ChatAnswer<Void> pin(String channelId, String messageId) {
            return answer("pin", null, null);
        }

        public ChatAnswer<Void> bookmark(String channelId, String ticketChannel, TicketId ticket, String link) {
            return answer("bookmark", ticket.toString(), null);
        }

        public ChatAnswer<Void> archive(String channelId) {
            return answer("archive", null, null);
        }

        @Override
        public void delete(String channelId, String messageId) {
            calls.add("delete " + channelId + " " + messageId);
        }
    }

    /** Crisis cells in memory, with the one-cell-per-ticket rule the store's constraint holds. */
    static final class InMemoryCells implements CrisisCells {
        final Map<Long, CrisisCell> cells = new HashMap<>();
        final Map<Long, Instant> nextTry = new HashMap<>();
        final AtomicLong ids = new AtomicLong();

        private void update(long id, java.util.function.UnaryOperator<CrisisCell> change) {
            cells.put(id, change.apply(cells.get(id)));
        }

        private static CrisisCell with(CrisisCell c, CrisisCell.State state, String channelId, String name,
                                       String commander, String summaryTs, Instant lastStatusAt,
                                       Map<CrisisStep, CrisisCell.Step> steps) {
            return new CrisisCell(c.id(), c.ticketKey(), state, channelId, name, commander, summaryTs, c.requestedAt(),
                    lastStatusAt, Map.copyOf(steps));
        }

        private void step(long id, CrisisStep step, boolean done, String detail) {
            update(id, c -> {
                Map<CrisisStep, CrisisCell.Step> steps = new HashMap<>(c.steps());
                steps.put(step, new CrisisCell.Step(step, done, detail));
                return with(c, c.state(), c.channelId(), c.channelName(), c.commander(), c.summaryTs(), c.lastStatusAt(),
                        steps);
            });
        }

        public boolean request(long ticketKey, String commander, Instant now) {
            if (ofTicket(ticketKey).isPresent()) {
                return false;
            }
            long id = ids.incrementAndGet();
            cells.put(id, new CrisisCell(id, ticketKey, CrisisCell.State.OPENING, null, null, commander, null, now,
                    null, Map.of()));
            nextTry.put(id, now);
            return true;
        }

        public Optional<CrisisCell> byId(long cellId) {
            return Optional.ofNullable(cells.get(cellId));
        }

        public Optional<CrisisCell> ofTicket(long ticketKey) {
            return cells.values().stream().filter(c -> c.ticketKey() == ticketKey).findFirst();
        }

        public List<Opening> opening(int limit) {
            return cells.values().stream().filter(c -> c.state() == CrisisCell.State.OPENING).map(CrisisCell::id)
                    .sorted().limit(limit).map(id -> new Opening(id, nextTry.get(id))).toList();
        }

        public List<Long> confirmedP1sWithoutCell(int limit) {
            return List.of();
        }

        public void channelCreated(long cellId, String channelId, String channelName, Instant now) {
            update(cellId, c -> with(c, c.state(), channelId, channelName, c.commander(), c.summaryTs(),
                    c.lastStatusAt(), c.steps()));
            step(cellId, CrisisStep.CREATE_CHANNEL, true, null);
        }

        public void summaryPosted(long cellId, String ts, Instant now) {
            update(cellId, c -> with(c, c.state(), c.channelId(), c.channelName(), c.commander(), ts, c.lastStatusAt(),
                    c.steps()));
            step(cellId, CrisisStep.SUMMARY, true, null);
        }

        public void stepDone(long cellId, CrisisStep step, String detail, Instant now) {
            step(cellId, step, true, detail);
        }

        public void stepFailed(long cellId, CrisisStep step, String reason, Instant now) {
            step(cellId, step, false, reason);
        }

        public void retryLater(long cellId, Instant at, String reason) {
            nextTry.put(cellId, at);
        }

        public void opened(long cellId, Instant now) {
            update(cellId, c -> with(c, CrisisCell.State.OPEN, c.channelId(), c.channelName(), c.commander(),
                    c.summaryTs(), now, c.steps()));
        }

        public void failed(long cellId, String reason, Instant now) {
            update(cellId, c -> with(c, CrisisCell.State.FAILED, c.channelId(), c.channelName(), c.commander(),
                    c.summaryTs(), c.lastStatusAt(), c.steps()));
        }

        public void statusPosted(long cellId, Instant now) {
            update(cellId, c -> with(c, c.state(), c.channelId(), c.channelName(), c.commander(), c.summaryTs(), now,
                    c.steps()));
        }

        public boolean askForStatus(long cellId, Instant now, Instant notSince) {
            return asked.merge(cellId, now, (was, at) -> was.isBefore(notSince) ? at : was) == now;
        }

        public void statusNotAsked(long cellId, Instant at) {
            asked.remove(cellId, at);
        }

        final Map<Long, Instant> asked = new HashMap<>();

        public void commander(long cellId, String user) {
            update(cellId, c -> with(c, c.state(), c.channelId(), c.channelName(), user, c.summaryTs(),
                    c.lastStatusAt(), c.steps()));
        }

        public void archived(long cellId, Instant now) {
            update(cellId, c -> with(c, CrisisCell.State.ARCHIVED, c.channelId(), c.channelName(), c.commander(),
                    c.summaryTs(), c.lastStatusAt(), c.steps()));
        }
    }
}
