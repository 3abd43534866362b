package app.pompier.slack;

import app.pompier.crisis.slack.CellMessages;
import app.pompier.crisis.slack.CrisisListeners;
import app.pompier.crisis.slack.SlackCellChannel;
import app.pompier.leads.slack.AppHome;
import app.pompier.leads.slack.LeadCommands;
import app.pompier.ops.slack.OpsDesk;
import app.pompier.ops.slack.OpsWords;
import app.pompier.ops.slack.SlackOpsNotices;
import app.pompier.outage.slack.SlackOutageNotices;
import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.qualification.slack.SlackPriorityNotices;
import app.pompier.qualification.slack.SlackQualificationNotices;
import app.pompier.sla.slack.SlaCommand;
import app.pompier.sla.slack.SlaReminders;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.ticket.slack.SlackTicketCards;
import app.pompier.ticket.slack.SlackTicketNotices;
import app.pompier.ticket.slack.TicketLine;
import app.pompier.outage.slack.OutageWords;
import app.pompier.sla.slack.SlaWords;
import app.pompier.ops.OpsRoles;
import app.pompier.ticket.ConversationPrivacy;
import app.pompier.ticket.ShowingTicket;
import app.pompier.crisis.CellMessage;
import app.pompier.crisis.CellTopic;
import app.pompier.crisis.CrisisCell;
import app.pompier.crisis.CrisisSettings;
import app.pompier.crisis.CrisisStep;
import app.pompier.crisis.OpeningCrisisCell;
import app.pompier.crisis.ReviewDraft;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.crisis.StatusReport;
import app.pompier.ops.AnnouncingCollisions;
import app.pompier.ops.BusinessOperation;
import app.pompier.ops.Collision;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsCalendar;
import app.pompier.ops.OpsPlans;
import app.pompier.ops.Recurrence;
import app.pompier.outage.ReporterNews;
import app.pompier.outage.Reporters;
import app.pompier.qualification.Answers;
import app.pompier.qualification.Completeness;
import app.pompier.qualification.DowngradeProposal;
import app.pompier.qualification.Impact;
import app.pompier.qualification.PolicyRules;
import app.pompier.qualification.PriorityDecision;
import app.pompier.qualification.Qualification;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.qualification.Reach;
import app.pompier.qualification.Reproducibility;
import app.pompier.sla.BusinessCalendar;
import app.pompier.sla.GoalClock;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.sla.SlaGoal;
import app.pompier.sla.SlaPolicy;
import app.pompier.store.CrisisCellsDatabaseRepository;
import app.pompier.store.Database;
import app.pompier.store.OpsPlansDatabaseRepository;
import app.pompier.store.QualificationsDatabaseRepository;
import app.pompier.store.RelatedReportsDatabaseRepository;
import app.pompier.store.SlaClocksDatabaseRepository;
import app.pompier.store.TicketFiguresDatabaseRepository;
import app.pompier.store.TicketsDatabaseRepository;
import app.pompier.testing.BlockKitLimits;
import app.pompier.testing.BlockKitLimits.Problem;
import app.pompier.testing.FakeSlack;
import app.pompier.testing.MutableClock;
import app.pompier.testing.PastedStackTrace;
import app.pompier.testing.TestStore;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Registration;
import app.pompier.ticket.ReporterWait;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.TimelineEntry;
import app.pompier.ticket.Turns;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.model.block.LayoutBlock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message and view Pompier builds, fed what people write every day and far more (a 20,000-character stack
 * trace in every text, 500 tickets, 200 channels, a ticket id of 23 characters), each checked block by block
 * against Slack's limits by the tests' own {@link BlockKitLimits}; what is posted goes to the fake Slack, which
 * refuses what Slack refuses.
 */
class BlockLimitsTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant NOW = LocalDateTime.parse("2026-11-23T10:00").atZone(PARIS).toInstant();
    static final String TRACE = PastedStackTrace.of(20_000);
    static final String PREFIX = "ABCDEFGHIJ";
    static final TicketId LONGEST_ID = new TicketId(PREFIX, 999_999_999_999L);
    static final String LEAD = "ULEAD0001";
    static final String CELL = "C0CELL001";
    static final int CHANNELS = 200;

    @TempDir
    Path folder;
    final MutableClock clock = new MutableClock(NOW);
    FakeSlack slack;
    Database database;
    ExecutorService background;
    TicketsDatabaseRepository tickets;
    QualificationsDatabaseRepository qualifications;
    SlaClocksDatabaseRepository slaClocks;
    RelatedReportsDatabaseRepository related;
    OpsPlansDatabaseRepository plans;
    SlaWords slaWords;
    ReadingSla sla;
    SlackGateway gateway;
    TicketThread thread;
    LeadsChannel leads;
    OutageWords outage;
    final SupportRoles roles = new Everyone();

    @BeforeEach
    void start() {
        slack = FakeSlack.start();
        database = TestStore.open(folder, "limits.db");
        background = Executors.newSingleThreadExecutor();
        tickets = new TicketsDatabaseRepository(database, "test");
        qualifications = new QualificationsDatabaseRepository(database.jdbi());
        slaClocks = new SlaClocksDatabaseRepository(database.jdbi(), "test");
        related = new RelatedReportsDatabaseRepository(database.jdbi(), "test");
        plans = new OpsPlansDatabaseRepository(database.jdbi());
        slaWords = new SlaWords(app.pompier.language.Languages.only("en", PARIS, clock));
        sla = new ReadingSla(slaClocks, slaClock(), clock);
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        gateway = new SlackGateway(Slack.getInstance(config), FakeSlack.TOKEN);
        // Posts made "soon" are made at once, so that the test sees them without waiting.
        thread = new TicketThread(gateway, Runnable::run, ChannelPace.inMemory(1000, ChannelPace.BURST));
        leads = new LeadsChannel(gateway, thread, null, "S0LEADS01", app.pompier.language.Languages.only("en", PARIS, clock));
        outage = new OutageWords(app.pompier.language.Languages.only("en", PARIS, clock));
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        tickets.close();
        slack.close();
    }

    @Test
    void every_crisis_cell_message_stays_within_limits_and_the_summary_keeps_the_whole_in_its_thread() {
        CellMessages messages = new CellMessages(slaWords);
        app.pompier.language.Languages english = app.pompier.language.Languages.only("en", PARIS, clock);
        app.pompier.language.Words words = english.team();
        Ticket p1 = ticket(LONGEST_ID.number(), TRACE);
        StatusReport status = new StatusReport(LONGEST_ID, LEAD, TRACE, TRACE, NOW.plusSeconds(1800));
        List<CrisisCell.Step> failed = List.of(new CrisisCell.Step(CrisisStep.INVITE, false, refusals(CHANNELS)),
                new CrisisCell.Step(CrisisStep.BOOKMARK, false, TRACE));
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            timeline.add(new TimelineEntry(NOW, "status_update", LEAD, TRACE));
        }
        CellMessage.Summary summary = new CellMessage.Summary(p1, answers(), LEAD);
        List<CellMessage> all = List.of(summary, new CellMessage.CellOpened(LONGEST_ID, CELL),
                new CellMessage.CellNotCreated(LONGEST_ID, TRACE), new CellMessage.OpeningIncomplete(failed),
                new CellMessage.StatusRequested(LONGEST_ID, Duration.ofDays(400), LEAD),
                new CellMessage.StatusPosted(status), new CellMessage.StatusForReporter(status),
                new CellMessage.StatusForStakeholders(status), new CellMessage.CommanderNamed(LEAD),
                new CellMessage.Review(new ReviewDraft(LONGEST_ID, timeline, null,
                        new ReviewDraft.Spent(Duration.ofDays(3), Duration.ofDays(4)), List.of(), answers(),
                        List.of(ReviewDraft.Question.ROOT_CAUSE))));
        for (CellMessage message : all) {
            CellMessages.Drawn drawn = messages.draw(words, message);
            assertWithin(message.getClass().getSimpleName(), BlockKitLimits.message(drawn.text(), drawn.blocks()));
        }
        assertWithin("topic", BlockKitLimits.topic(messages.topic(words, new CellTopic(LONGEST_ID, Priority.P2,
                List.of(), TicketState.IN_PROGRESS, LEAD, 12_345))));

        List<String> parts = messages.wholeTexts(words, summary);
        String whole = String.join("\n", parts).replaceAll("\\*" + LONGEST_ID + " in full\\* \\(\\d+/\\d+\\)", "")
                .replace("```", "").replaceAll("\\s+", "");
        String trace = SlackText.escape(TRACE).replace("```", "").replaceAll("\\s+", "");
        for (String label : List.of("Stepstoreproduce", "Where", "Error", "Workaround")) {
            assertTrue(whole.contains("*" + label + ":*" + trace), label + " in full");
        }
        assertTrue(whole.contains("*Report:*"), "the report, as far as the parts go");
        assertTrue(parts.get(parts.size() - 1).contains("|the rest in the original report>"), "and where the rest is");

        SlackCellChannel channel = new SlackCellChannel(gateway, thread, messages, english, FakeSlack.BOT_USER);
        for (CellMessage message : all) {
            assertTrue(channel.post(CELL, p1.source().channel(), message).isDone(), message.getClass().getSimpleName());
        }
        assertTrue(channel.postInThread(p1.source(), new CellMessage.StatusForReporter(status)).isDone());
        assertTrue(channel.setTopic(CELL, p1.source().channel(), new CellTopic(LONGEST_ID, Priority.P1, List.of(), TicketState.NEW, LEAD,
                3)).isDone());
        String summaryTs = slack.history(CELL).stream()
                .filter(m -> m.path("metadata").path("event_type").asText().equals("pompier_cell_summary"))
                .findFirst().orElseThrow().path("ts").asText();
        assertEquals(parts.size(), slack.thread(CELL, summaryTs).size(), "every part in the summary's thread");
        assertNothingRefused();
    }

    @Test
    void a_card_stays_within_limits_with_a_pasted_trace_a_long_reason_and_two_hundred_channels() {
        List<Ticket> seeded = seed(1 + CHANNELS);
        Ticket incident = seeded.get(0);
        for (Ticket report : seeded.subList(1, seeded.size())) {
            related.link(report.key(), incident.key(), new TimelineEntry(NOW, "related", null, TRACE),
                    new TimelineEntry(NOW, "related", null, TRACE));
        }
        incident = tickets.byKey(incident.key()).orElseThrow();
        Ticket report = tickets.byKey(seeded.get(1).key()).orElseThrow();
        CardBlocks cards = new CardBlocks(qualifications, sla, slaWords, related, tickets, outage,
                app.pompier.language.Languages.only("en", PARIS, clock));

        List<LayoutBlock> card = cards.of(incident);
        assertWithin("card", BlockKitLimits.message(CardBlocks.fallbackText(cards.wordsOf(incident), incident), card));
        assertTrue(json(card).contains("more"), "the channels past the first say how many more there are");
        assertWithin("related card", BlockKitLimits.message(CardBlocks.fallbackText(cards.wordsOf(report), report), cards.of(report)));

        SlackTicketCards slackCards = new SlackTicketCards(gateway, thread, new PrivateAnswers(gateway, Runnable::run),
                cards, outage, app.pompier.language.Languages.only("en", PARIS, clock), CallBudget.tier3());
        assertTrue(slackCards.post(incident, false).isDone());
        assertTrue(slackCards.postRelated(report, incident, false).isDone());
        slackCards.redraw(tickets.byKey(incident.key()).orElseThrow());
        slackCards.tellCardFailed(incident, TRACE);
        slackCards.tellAlreadyOpen(incident, LEAD, "C0SUPPORT");
        assertNothingRefused();
    }

    @Test
    void dialogs_stay_within_limits_with_long_answers_a_long_ticket_id_and_many_options() {
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            functions.add("reach the order history of a customer from the back-office screen number " + i);
        }
        PolicyRules rules = new PolicyRules(functions, PolicyRules.defaults().p1MinimumReach(),
                PolicyRules.defaults().p2RequiresWorkaround(), PolicyRules.defaults().reproducibleWhen());
        Ticket p1 = ticket(LONGEST_ID.number(), TRACE);

        var english = app.pompier.language.Languages.only("en", PARIS, clock).team();
        var dialog = new QualificationDialog(rules).build(p1, Optional.of(answers()), english);
        assertWithin("qualification dialog", BlockKitLimits.view(dialog));
        assertEquals("ABCDEFGHIJ-999999999999", dialog.getTitle().getText(), "the id, when the words do not fit");
        assertWithin("qualification dialog in French", BlockKitLimits.view(new QualificationDialog(rules).build(p1,
                Optional.of(answers()), app.pompier.language.Languages.only("fr", PARIS, clock).team())));
        assertWithin("refusal", BlockKitLimits.view(QualificationDialog.refusal(english, TRACE)));
        var status = CrisisListeners.statusDialog(english, LONGEST_ID.toString());
        assertWithin("status dialog", BlockKitLimits.view(status));
        assertEquals("Status INC-12345", CrisisListeners.statusDialog(english, "INC-12345").getTitle().getText());

        Map<String, List<String>> components = new LinkedHashMap<>();
        for (int i = 0; i < CHANNELS; i++) {
            components.put("component_" + i, List.of("the customer portal and its many satellite services, part " + i));
        }
        OpsDesk desk = opsDesk(new Components(components));
        assertWithin("maintenance dialog", BlockKitLimits.view(desk.maintenanceDialog(opsLanguages().in("fr"))));
        assertWithin("operation dialog", BlockKitLimits.view(desk.operationDialog(opsLanguages().in("fr"))));
    }

    @Test
    void the_home_tab_and_the_ticket_lists_stay_within_limits_with_500_tickets_and_say_how_many_more() {
        List<Ticket> seeded = seed(500);
        Ticket first = seeded.get(0);
        for (int i = 0; i < 500; i++) {
            tickets.append(first.key(), new TimelineEntry(NOW, "status_update", LEAD, TRACE));
        }
        TicketLine line = new TicketLine(sla, slaWords);
        app.pompier.language.Languages english = app.pompier.language.Languages.only("en", PARIS, clock);
        AppHome home = new AppHome(tickets, new TicketFiguresDatabaseRepository(database.jdbi()), sla, line, roles,
                gateway, clock, background, english);

        List<LayoutBlock> tab = home.blocks(FakeSlack.TEAM, LEAD);
        assertWithin("home", BlockKitLimits.view(com.slack.api.model.view.Views.view(v -> v.type("home").blocks(tab))));
        assertTrue(json(tab).contains("more: `/ticket list mine`"), "your tickets say how many more");
        home.publish(FakeSlack.TEAM, LEAD);

        ShowingTicket showing = new ShowingTicket(tickets, new ConversationPrivacy() {
            @Override
            public Optional<Privacy> known(String channel) {
                return Optional.of(Privacy.PUBLIC);
            }

            @Override
            public Privacy ask(String channel) {
                return Privacy.PUBLIC;
            }
        });
        LeadCommands commands = new LeadCommands(tickets, null, null, null, roles, sla, line, english,
                new PrivateAnswers(gateway, Runnable::run), showing, Runnable::run);
        for (String filter : List.of("open", "mine", "p1", "breached", "unassigned", TRACE)) {
            assertWithin("/ticket list " + filter.substring(0, Math.min(20, filter.length())),
                    BlockKitLimits.message(null, commands.list(english.team(), FakeSlack.TEAM, filter, LEAD)));
        }
        assertTrue(json(commands.list(english.team(), FakeSlack.TEAM, "p1", LEAD)).contains("and 460 more"),
                "the 40 shown, and how many more");
        assertWithin("/ticket show", BlockKitLimits.message(null, commands.sight(english.team(), showing.show(FakeSlack.TEAM,
                first.id(), LEAD, roles::isSupport))));

        String slaAnswer = new SlaCommand(sla, tickets, slaWords, english).answer(english.team(), 8);
        assertWithin("/sla", BlockKitLimits.message(slaAnswer, (List<LayoutBlock>) null));
    }

    @Test
    void the_operations_calendar_stays_within_limits_with_a_long_name_and_many_collisions() {
        Components components = new Components(Map.of("portal", List.of("customer portal")));
        LocalDateTime monday = LocalDateTime.parse("2026-11-23T12:00");
        for (int i = 0; i < 100; i++) {
            plans.addWindow(new MaintenanceWindow(0, "portal", monday.plusMinutes(7L * i), Duration.ofMinutes(5),
                    new Recurrence.Weekly(DayOfWeek.MONDAY), TRACE, LEAD), NOW);
        }
        plans.addOperation(new BusinessOperation(0, TRACE, monday.minusDays(1), Duration.ofDays(20), List.of("portal"),
                Duration.ofHours(72), new Recurrence.Once(), LEAD), NOW);
        OpsDesk desk = opsDesk(components);

        app.pompier.language.Words english = opsLanguages().team();
        String answer = desk.nextTwoWeeks(english);
        assertWithin("/ops", BlockKitLimits.message(answer, (List<LayoutBlock>) null));
        assertTrue(answer.contains("more"), answer.substring(answer.length() - 200));
        assertTrue(answer.endsWith("more: `/ops collisions`"), answer.substring(answer.length() - 200));
        String ninetyDays = desk.nextCollisions(english);
        assertWithin("/ops collisions", BlockKitLimits.message(ninetyDays, (List<LayoutBlock>) null));
        assertTrue(ninetyDays.contains(" more"), ninetyDays.substring(ninetyDays.length() - 200));

        OpsWords words = new OpsWords(components, opsLanguages());
        AnnouncingCollisions announcing = announcing();
        List<Collision> collisions = announcing.upcoming(Duration.ofDays(90));
        String warning = words.warning(opsLanguages().in("fr"), announcing.warning(collisions.get(0), collisions,
                true));
        assertWithin("collision warning", BlockKitLimits.message(warning, (List<LayoutBlock>) null));
        SlackOpsNotices notices = new SlackOpsNotices(gateway, thread, words, opsLanguages());
        notices.collision("C0OPSCAL1", announcing.warning(collisions.get(0), collisions, true));
        MaintenanceWindow window = plans.windows().get(0);
        notices.underMaintenance(ticket(1, TRACE), window, new Occurrence(NOW, NOW.plusSeconds(300)));
        assertNothingRefused();
    }

    @Test
    void notices_replies_and_private_answers_stay_within_limits_whatever_people_wrote() {
        Ticket incident = seed(1).get(0);
        Ticket report = ticket(2, TRACE);
        Reporters many = reporters(CHANNELS);

        var languages = app.pompier.language.Languages.only("fr", PARIS, clock);
        new SlackPriorityNotices(thread, leads, Runnable::run, languages, null).askReporter(incident,
                new DowngradeProposal(1, incident.key(), Priority.P1, Priority.P3, TRACE, LEAD, NOW, null, null), true);
        new SlackPriorityNotices(thread, leads, Runnable::run, languages, null).reporterAnswered(incident,
                new DowngradeProposal(1, incident.key(), Priority.P1, Priority.P3, TRACE, LEAD, NOW, null, null), false,
                LEAD);
        new SlackQualificationNotices(thread, leads, Runnable::run, languages, null).recorded(
                new QualifyingTicket.Outcome.Recorded(incident, new PriorityDecision(Priority.P2, longReason()),
                        List.of(Completeness.Missing.values()), true, Optional.empty()));
        new SlackTicketNotices(thread, languages).assigned(incident, LEAD, LEAD);
        leads.tell(incident, TRACE + TRACE + TRACE);
        new LeadsChannel(gateway, thread, "C0LEADS01", null, app.pompier.language.Languages.only("en", PARIS, clock)).tell(incident,
                TRACE + TRACE + TRACE);
        new PrivateAnswers(gateway, Runnable::run).tellSoon("C0SUPPORT", null, LEAD, TRACE + TRACE + TRACE);

        SlackOutageNotices notices = new SlackOutageNotices(gateway, thread, leads, outage,
                app.pompier.language.Languages.only("en", PARIS, clock), null, CallBudget.tier4(), CallBudget.tier3(),
                CallBudget.tier3());
        assertTrue(notices.probableP1(incident, many).isDone());
        assertTrue(notices.news(report, incident, new ReporterNews.Pending(report.key(), incident.key(),
                new ReporterNews(ReporterNews.Kind.STATUS, TRACE, TRACE, NOW), 1, 0), false).isDone());
        notices.madeOwnTicket(report, incident, "1800000000.000009", LEAD);
        // An outage's board naming as many reporters as it names, with the incident's pasted trace.
        List<String> people = java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> String.format("U%010d", i))
                .toList();
        var board = notices.postBoard(incident, "C0SUPPORT", 5_000, false);
        assertTrue(board.isDone(), board.problem());
        assertEquals(app.pompier.outage.OutageNotices.BoardUpdate.UPDATED, notices.updateBoard(incident, "C0SUPPORT",
                "1800000000.000010", new app.pompier.outage.OutageBoards.Linked(people.subList(0, 400), 5_000)));
        assertWithin("board", BlockKitLimits.message(outage.boardText(incident, 5_000, outage.of(incident)),
                outage.board(incident, new app.pompier.outage.OutageBoards.Linked(people, 5_000), outage.of(incident))));
        notices.acknowledge(report, incident);
        assertWithin("reply", BlockKitLimits.message(outage.replyText(report, incident), outage.reply(report,
                incident)));

        SlaReminders reminders = new SlaReminders(gateway, thread, leads, slaWords, new SlackTicketCards(gateway,
                thread, new PrivateAnswers(gateway, Runnable::run), new CardBlocks(qualifications, sla, slaWords,
                related, tickets, outage, app.pompier.language.Languages.only("en", PARIS, clock)), outage,
                app.pompier.language.Languages.only("en", PARIS, clock), CallBudget.tier3()), tickets, crisis(),
                new SimpleMeterRegistry(),
                app.pompier.language.Languages.only("en", PARIS, clock), null);
        GoalStatus breached = sla.statuses(incident).get(SlaGoal.TAKE_IN);
        reminders.remind(incident, SlaGoal.TAKE_IN, breached, 0, false);
        reminders.breached(incident, SlaGoal.TAKE_IN, breached);
        assertNothingRefused();
    }

    // What the tests feed the builders.

    static Answers answers() {
        return new Answers(TRACE, TRACE, TRACE, List.of(), "production", Reach.ALL_CUSTOMERS,
                Impact.fromCode("essential:log in"), Reproducibility.ALWAYS, TRACE, Priority.P1);
    }

    /** A priority's reason naming a function and a workaround as long as a pasted trace. */
    static app.pompier.language.Phrase longReason() {
        return app.pompier.language.Phrase.of("qualification.reason.p2", "impact", "essential", "function", TRACE,
                "reach", "all_customers", "hasWorkaround", "yes", "workaround", TRACE);
    }

    /** A ticket as the store would give it, with the longest id a team can have. */
    static Ticket ticket(long number, String text) {
        return new Ticket(number, new TicketId(PREFIX, number), new SourceMessage(FakeSlack.TEAM, "C0SUPPORT",
                "1800000000." + String.format("%06d", number % 1_000_000), null), LEAD, text,
                "https://pompier-test.slack.com/archives/C0SUPPORT/p1800000000" + String.format("%06d", number % 1_000_000),
                OpenedVia.WATCHED_CHANNEL, LEAD, NOW, TicketState.IN_PROGRESS, Priority.P1, "1800000001.000001",
                Priority.P1, Priority.P1, true, TRACE, 1, LEAD, NOW, NOW, null, "code", null, NOW, null);
    }

    /**
     * Tickets in the store, each reported with the trace in one of 200 channels, qualified a confirmed P1 whose
     * take-in has breached; the first {@code count - 200} reported by the lead, the others by people of their own.
     */
    List<Ticket> seed(int count) {
        List<Ticket> seeded = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String channel = String.format("C%08d", i % CHANNELS);
            String reporter = i <= Math.max(1, count - CHANNELS) ? LEAD : String.format("U%08d", i);
            Registration registered = tickets.register(new IntakeRequest(new SourceMessage(FakeSlack.TEAM, channel,
                    "1800000000." + String.format("%06d", i), null), reporter, TRACE, OpenedVia.WATCHED_CHANNEL,
                    reporter, null), PREFIX, NOW.minus(Duration.ofHours(10)));
            long key = ((Registration.Opened) registered).ticket().key();
            tickets.cardPosted(key, tickets.claimCard(key, NOW, NOW.plusSeconds(120)),
                    "1800000001." + String.format("%06d", i), "https://pompier-test.slack.com"
                    + "/archives/" + channel + "/p1800000000" + String.format("%06d", i), NOW);
            qualifications.record(new Qualification(key, 0, "S" + i, reporter, NOW.minus(Duration.ofHours(9)),
                    answers(), TicketState.NEW, TicketState.QUALIFIED, new PriorityDecision(Priority.P1, longReason()),
                    Priority.P1, true, new ReporterWait.Unchanged(), NOW.minus(Duration.ofHours(9)), List.of()));
            slaClocks.save(key, new GoalClock(SlaGoal.TAKE_IN, Priority.P1, Duration.ofHours(1),
                    NOW.minus(Duration.ofHours(8)), null, null, null, null));
            slaClocks.save(key, new GoalClock(SlaGoal.RESOLUTION, Priority.P1, Duration.ofHours(12),
                    NOW.plus(Duration.ofHours(3)), null, null, null, null));
            seeded.add(tickets.byKey(key).orElseThrow());
        }
        return seeded;
    }

    /** The detail of an invitations' step that {@code count} people refused. */
    static String refusals(int count) {
        List<String> refusals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refusals.add(String.format("U%08d", i) + " (user_is_restricted)");
        }
        return String.join(", ", refusals);
    }

    static Reporters reporters(int channels) {
        Map<String, Integer> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < channels; i++) {
            byChannel.put(String.format("C%08d", i), i + 1);
        }
        return new Reporters(channels * 3, channels * 4, byChannel, NOW);
    }

    // What the builders need around them.

    SlaClock slaClock() {
        return new SlaClock(BusinessCalendar.alwaysOpen(PARIS), SlaPolicy.defaults());
    }

    AnnouncingCollisions announcing() {
        return new AnnouncingCollisions(plans, new OpsCalendar(PARIS), new SlackOpsNotices(gateway, thread,
                new OpsWords(new Components(Map.of()), opsLanguages()), opsLanguages()), null, 3, clock, Runnable::run);
    }

    /** English for the team and its channels, so that the limits of the longest words are tried too where asked. */
    app.pompier.language.Languages opsLanguages() {
        return app.pompier.language.Languages.only("en", PARIS, clock);
    }

    OpsDesk opsDesk(Components components) {
        AnnouncingCollisions announcing = announcing();
        OpsCalendar calendar = new OpsCalendar(PARIS);
        return new OpsDesk(new DeclaringOps(plans, calendar, components, announcing, new OpsRoles() {
            @Override
            public boolean isOpsOwner(String user) {
                return true;
            }

            @Override
            public boolean isLead(String user) {
                return true;
            }
        }, id -> Optional.empty(), clock), announcing, plans,
                calendar, components, gateway, new OpsWords(components, opsLanguages()), opsLanguages(), null, clock);
    }

    RunningCrisisCell crisis() {
        CrisisCellsDatabaseRepository cells = new CrisisCellsDatabaseRepository(database.jdbi());
        SlackCellChannel channel = new SlackCellChannel(gateway, thread, new CellMessages(slaWords),
                app.pompier.language.Languages.only("en", PARIS, clock), FakeSlack.BOT_USER);
        OpeningCrisisCell opening = new OpeningCrisisCell(cells, tickets, channel, roles, CrisisSettings.defaults(),
                sla, qualifications, (cell, at) -> {
        }, clock, background, Turns.inProcess(app.pompier.ticket.Claims.alone()), app.pompier.ticket.Claims.alone());
        return new RunningCrisisCell(cells, tickets, channel, opening, CrisisSettings.defaults(), sla, slaClock(),
                qualifications, (cell, at) -> {
        }, null, app.pompier.crisis.CellFollowers.NONE, clock);
    }

    /** A lead of the support team, as every user here is. */
    static final class Everyone implements SupportRoles {
        public boolean isSupport(String user) {
            return true;
        }

        public boolean isLead(String user) {
            return true;
        }

        public List<String> leads() {
            return List.of(LEAD);
        }

        public Optional<String> teamOf(String category) {
            return Optional.empty();
        }

        public List<String> membersOf(String team) {
            return List.of();
        }
    }

    // The checks.

    static void assertWithin(String what, List<Problem> problems) {
        assertEquals(List.of(), problems, what + " breaks Slack's limits");
    }

    void assertNothingRefused() {
        assertEquals(List.of(), slack.refusedForLimits().stream().map(c -> c.method() + " " + describe(c)).toList(),
                "Slack would refuse these");
        assertTrue(slack.calls().size() > 0);
    }

    static String describe(FakeSlack.Call call) {
        String text = call.param("text");
        return BlockKitLimits.message(text, call.param("blocks") == null ? null : call.json("blocks")).toString();
    }

    static String json(List<LayoutBlock> blocks) {
        return com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(blocks);
    }
}
