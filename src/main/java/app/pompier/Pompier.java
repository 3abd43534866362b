package app.pompier;

import app.pompier.crisis.OpeningCrisisCell;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.http.HttpServer;
import app.pompier.http.OpsApi;
import app.pompier.http.TicketApi;
import app.pompier.ops.AnnouncingCollisions;
import app.pompier.ops.AnsweringDuringMaintenance;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.OpsCalendar;
import app.pompier.qualification.PriorityPolicy;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.sla.KeepingSla;
import app.pompier.sla.ReadingSla;
import app.pompier.sla.SlaClock;
import app.pompier.sla.SlaTarget;
import app.pompier.slack.AppHome;
import app.pompier.slack.CardBlocks;
import app.pompier.slack.SlackTicketCards;
import app.pompier.slack.LeadCommands;
import app.pompier.slack.OpsDesk;
import app.pompier.slack.OpsWords;
import app.pompier.slack.SlackOpsNotices;
import app.pompier.slack.CellMessages;
import app.pompier.slack.SlackCellChannel;
import app.pompier.slack.CrisisListeners;
import app.pompier.slack.StateChanges;
import app.pompier.slack.SlackTicketNotices;
import app.pompier.slack.SlackTicketViews;
import app.pompier.slack.SlackQualificationNotices;
import app.pompier.slack.IntakeListeners;
import app.pompier.slack.QualificationDialog;
import app.pompier.slack.QualificationListeners;
import app.pompier.slack.SlaCommand;
import app.pompier.slack.SlaReminders;
import app.pompier.slack.SlaWords;
import app.pompier.slack.TimeWords;
import app.pompier.slack.TicketThread;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.TicketLine;
import app.pompier.slack.SlackEndpoint;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.SlackWorkspace;
import app.pompier.slack.UserGroupRoles;
import app.pompier.slack.TakeListeners;
import app.pompier.slack.TicketCommand;
import app.pompier.store.CrisisCellsDatabaseRepository;
import app.pompier.store.Database;
import app.pompier.store.OpsPlansDatabaseRepository;
import app.pompier.store.DowngradeProposalsDatabaseRepository;
import app.pompier.store.QualificationsDatabaseRepository;
import app.pompier.store.RotationsDatabaseRepository;
import app.pompier.store.SlaClocksDatabaseRepository;
import app.pompier.store.DurableTimers;
import app.pompier.store.StoreUnavailableException;
import app.pompier.store.TicketFiguresDatabaseRepository;
import app.pompier.store.TicketsDatabaseRepository;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.ChangingPriority;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.RoutingTicket;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.OpeningTicket;
import app.pompier.ticket.PostingCards;
import app.pompier.ticket.TakingTicket;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts Pompier: the one place that builds and wires objects. */
public final class Pompier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pompier.class);
    private static final Duration KEEP_DELIVERIES = Duration.ofDays(1);

    /**
     * How often background work looks for what is due.
     *
     * @param sweepEvery   cards and SLA recomputations left behind (a crash, an outage)
     * @param reminderPoll due SLA reminders (db-scheduler's polling interval)
     */
    public record Tuning(Duration sweepEvery, Duration reminderPoll) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(5), Duration.ofSeconds(1));
        }
    }

    private final HttpServer http;
    private final ExecutorService followUps;
    private final ExecutorService crisisOpener;
    private final ScheduledExecutorService sweeper;
    private final DurableTimers reminders;
    private final App bolt;
    private final TicketsDatabaseRepository tickets;
    private final Database database;

    private Pompier(HttpServer http, ExecutorService followUps, ExecutorService crisisOpener,
                    ScheduledExecutorService sweeper, DurableTimers reminders, App bolt,
                    TicketsDatabaseRepository tickets, Database database) {
        this.database = database;
        this.tickets = tickets;
        this.http = http;
        this.followUps = followUps;
        this.crisisOpener = crisisOpener;
        this.sweeper = sweeper;
        this.reminders = reminders;
        this.bolt = bolt;
    }

    public static void main(String[] args) {
        try {
            Pompier pompier = start(Config.fromEnvironment(), Clock.systemUTC(), Tuning.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(pompier::close, "pompier-shutdown"));
        } catch (StartupException | ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    public static Pompier start(Config config, Clock clock) {
        return start(config, clock, Tuning.defaults());
    }

    /** Opens the store, checks Slack, and starts serving; fails fast with a message that says what to fix. */
    public static Pompier start(Config config, Clock clock, Tuning tuning) {
        // The store (Flyway) and Slack (the SDK, auth.test, the channels) do not need each other, and each
        // costs about half a second at start, most of it loading classes: they load side by side.
        // supplyAsync completes the future whatever the thread throws, so start-up never waits on a dead thread.
        CompletableFuture<SlackSide> slackSide = CompletableFuture.supplyAsync(() -> SlackSide.connect(config, clock),
                task -> named("pompier-connect-slack").newThread(task).start());
        // Listening early costs nothing: /readyz says "starting" and Slack's requests are told to come back.
        HttpServer http = new HttpServer();
        try {
            http.start(config.port());
        } catch (RuntimeException e) {
            throw new StartupException("cannot listen on PORT=" + config.port() + " (" + e.getMessage()
                    + "); choose a free port", e);
        }
        Database database;
        try {
            database = Database.open(config.database());
        } catch (StoreUnavailableException e) {
            http.stop();
            throw new StartupException(e.getMessage(), e);
        }
        TicketsDatabaseRepository tickets = new TicketsDatabaseRepository(database.jdbi());
        try {
            return wire(config, clock, tuning, database, tickets, joined(slackSide), http);
        } catch (RuntimeException e) {
            http.stop();
            tickets.close();
            database.close();
            throw e;
        }
    }

    private static SlackSide joined(CompletableFuture<SlackSide> slackSide) {
        try {
            return slackSide.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Slack as found at start: the client, the workspace's channels and the support roles. */
    private record SlackSide(Slack slack, SlackGateway gateway, SlackWorkspace workspace, UserGroupRoles roles) {
        static SlackSide connect(Config config, Clock clock) {
            SlackConfig slackConfig = new SlackConfig();
            slackConfig.setMethodsEndpointUrlPrefix(config.slack().apiUrl());
            slackConfig.setStatsEnabled(false);
            Slack slack = Slack.getInstance(slackConfig);
            SlackGateway gateway = new SlackGateway(slack, config.slack().botToken());
            try {
                SlackWorkspace workspace = SlackWorkspace.discover(gateway, config.team().watchedChannels(),
                        config.team().roles().leadChannel(), config.team().crisis().stakeholderChannel(),
                        config.team().ops().channel());
                UserGroupRoles roles = UserGroupRoles.resolve(gateway, clock, config.team().roles().supportGroup(),
                        config.team().roles().leadGroup(), config.team().routing());
                return new SlackSide(slack, gateway, workspace, roles);
            } catch (SlackWorkspace.Mismatch e) {
                throw new StartupException(e.getMessage(), e);
            } catch (SlackUnavailableException e) {
                throw new StartupException("Slack did not answer at SLACK_API_URL=" + config.slack().apiUrl()
                        + " (" + e.getMessage() + "); check the URL and the network, then start again", e);
            }
        }
    }

    private static Pompier wire(Config config, Clock clock, Tuning tuning, Database database,
                                TicketsDatabaseRepository tickets, SlackSide slackSide, HttpServer http) {
        // One process serves a SQLite file: claims found at start were left by a crash. (Several replicas on
        // PostgreSQL will need claims that name their owner instead.)
        int released = tickets.releaseCardClaims(clock.instant());
        if (released > 0) {
            log.info("{} card(s) left half-done by the last run will be posted now", released);
        }
        QualificationsDatabaseRepository qualifications = new QualificationsDatabaseRepository(database.jdbi());

        Slack slack = slackSide.slack();
        SlackGateway gateway = slackSide.gateway();
        SlackWorkspace workspace = slackSide.workspace();
        UserGroupRoles roles = slackSide.roles();

        ExecutorService followUps = Executors.newFixedThreadPool(4, named("pompier-slack"));
        // One thread opens crisis cells, so that a storm of P1s gets its channels in order of arrival.
        ExecutorService crisisOpener = Executors.newSingleThreadExecutor(named("pompier-crisis"));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(named("pompier-sweeper"));
        SlaClocksDatabaseRepository slaClocks = new SlaClocksDatabaseRepository(database.jdbi());
        // Likewise, a reminder claimed but not known to be posted was cut by a crash: Slack may have it or not,
        // so the retry looks in the thread before posting.
        int inDoubt = slaClocks.doubtReminderClaims();
        if (inDoubt > 0) {
            log.info("{} reminder(s) cut short by the last run will be checked in Slack, then posted if missing",
                    inDoubt);
        }
        DurableTimers reminders = new DurableTimers(database.dataSource());
        TimeWords timeWords = new TimeWords(config.team().calendar().zone(), clock);
        SlaWords slaWords = new SlaWords(timeWords);
        TicketThread thread = new TicketThread(gateway, followUps);
        PrivateAnswers answers = new PrivateAnswers(gateway, followUps);
        LeadsChannel leadsChannel = new LeadsChannel(gateway, thread, workspace.leadChannelId(), roles.leadGroupId());

        SlaClock slaClock = new SlaClock(config.team().calendar(), config.team().sla());
        ReadingSla readingSla = new ReadingSla(slaClocks, slaClock, clock);
        OpsPlansDatabaseRepository opsPlans = new OpsPlansDatabaseRepository(database.jdbi());
        OpsCalendar opsCalendar = new OpsCalendar(config.team().calendar().zone());
        Components components = config.team().ops().components();
        OpsWords opsWords = new OpsWords(components, timeWords);
        SlackOpsNotices opsNotices = new SlackOpsNotices(gateway, thread, opsWords, timeWords);
        AnnouncingCollisions announcing = new AnnouncingCollisions(opsPlans, opsCalendar, opsNotices,
                workspace.opsChannelId(), config.team().ops().announceDaysBefore(), clock, followUps);
        AnsweringDuringMaintenance maintenanceAnswers = new AnsweringDuringMaintenance(opsPlans, opsCalendar,
                components, opsNotices, clock);
        DeclaringOps declaringOps = new DeclaringOps(opsPlans, opsCalendar, components, announcing, clock);
        OpsDesk opsDesk = new OpsDesk(declaringOps, announcing, opsPlans, opsCalendar, components, gateway, opsWords,
                timeWords, clock);
        SlackTicketCards cards = new SlackTicketCards(gateway, thread, answers,
                new CardBlocks(qualifications, readingSla, slaWords));
        PostingCards posting = new PostingCards(tickets, cards, maintenanceAnswers, clock, followUps);
        CrisisCellsDatabaseRepository crisisCells = new CrisisCellsDatabaseRepository(database.jdbi());
        SlackCellChannel cellChannel = new SlackCellChannel(gateway, thread, new CellMessages(slaWords, timeWords),
                workspace.botUserId());
        OpeningCrisisCell opening = new OpeningCrisisCell(crisisCells, tickets, cellChannel, roles,
                config.team().crisis(), readingSla, qualifications, reminders, clock, crisisOpener);
        RunningCrisisCell crisis = new RunningCrisisCell(crisisCells, tickets, cellChannel, opening,
                config.team().crisis(), readingSla, slaClock, qualifications, reminders,
                workspace.stakeholderChannelId(), clock);
        KeepingSla sla = new KeepingSla(tickets, slaClocks, slaClock, reminders,
                new SlaReminders(gateway, thread, leadsChannel, slaWords, cards, tickets, crisis), clock);
        TicketFiguresDatabaseRepository figures = new TicketFiguresDatabaseRepository(database.jdbi());
        TicketLine ticketLine = new TicketLine(readingSla, slaWords);
        AppHome home = new AppHome(tickets, figures, readingSla, ticketLine, roles, gateway, clock, followUps);
        SlackTicketNotices ticketNotices = new SlackTicketNotices(thread);
        FollowingUpChanges changes = new FollowingUpChanges(tickets, new RoutingTicket(tickets,
                new RotationsDatabaseRepository(database.jdbi()), roles, ticketNotices, clock), sla, crisis,
                ticketNotices, new SlackTicketViews(cards, home), followUps);
        ChangingState changingState = new ChangingState(tickets, changes, clock);
        TakingTicket taking = new TakingTicket(tickets, ticketNotices, changes, clock);
        CategorizingTicket categorizing = new CategorizingTicket(tickets, changes, clock);
        StateChanges states = new StateChanges(changingState, roles, crisis, categorizing);

        OpeningTicket intake = new OpeningTicket(tickets, posting, cards, clock, config.team().ticketPrefix(),
                workspace.watchedChannelIds());
        QualifyingTicket qualifying = new QualifyingTicket(tickets, qualifications,
                new PriorityPolicy(config.team().policy()), categorizing,
                new SlackQualificationNotices(thread, leadsChannel, followUps), changes, clock);

        App bolt = new App(AppConfig.builder()
                .singleTeamBotToken(config.slack().botToken())
                .signingSecret(config.slack().signingSecret())
                // SlackEndpoint checks every signature before parsing; Bolt need not do it twice.
                .requestVerificationEnabled(false)
                // An event type with no listener must still get 200, or Slack retries it for hours.
                .allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .unmatchedRequestHandler(request -> {
                    log.debug("acked a Slack request no listener handles: {}", request.getRequestType());
                    return Response.ok();
                })
                .build(), slack, null);
        new IntakeListeners(intake, workspace.botUserId()).register(bolt);
        QualificationListeners qualification = new QualificationListeners(qualifying,
                new QualificationDialog(config.team().policy()), roles, gateway, answers);
        qualification.register(bolt);
        TakeListeners take = new TakeListeners(taking, roles, answers);
        take.register(bolt);
        new CrisisListeners(crisis, states, tickets, gateway, answers, clock, followUps).register(bolt);
        DowngradeProposalsDatabaseRepository proposals = new DowngradeProposalsDatabaseRepository(database.jdbi());
        SlaTarget reminderDelay = config.team().roles().downgradeReminderAfter();
        LeadCommands leads = new LeadCommands(tickets, new ChangingPriority(tickets, proposals, changes, clock),
                changingState, taking, roles, readingSla, ticketLine, timeWords, thread, leadsChannel, answers, proposal -> slaClock.budget(reminderDelay, clock.instant()).ifPresent(delay ->
                        reminders.remindReporterAt(proposal.id(), slaClock.calendar().plus(clock.instant(), delay))),
                followUps);
        leads.register(bolt);
        home.register(bolt);
        new TicketCommand(qualification, take, states, leads).register(bolt);
        new SlaCommand(readingSla, tickets, slaWords).register(bolt);
        try {
            bolt.start();
        } catch (IllegalArgumentException e) {
            throw new StartupException("Slack refused SLACK_BOT_TOKEN when Bolt started: " + e.getMessage(), e);
        }

        TicketApi api = new TicketApi(config.apiToken(), workspace.teamId(), tickets, figures, readingSla, clock);
        opsDesk.register(bolt);
        OpsApi opsApi = new OpsApi(api, declaringOps, opsPlans, opsCalendar, components, clock);
        http.serve(new SlackEndpoint(bolt, config.slack().signingSecret(), clock), api, opsApi, List.of(
                new HttpServer.ReadinessCheck("store", database::isHealthy),
                new HttpServer.ReadinessCheck("migrations", database::isMigrated),
                new HttpServer.ReadinessCheck("slack_auth", () -> workspace.botUserId() != null)));

        reminders.start(sla::remind, crisis::checkStatus, proposalId -> proposals.byId(proposalId)
                .filter(p -> proposals.reminded(p.id(), clock.instant()))
                .ifPresent(p -> tickets.byKey(p.ticketKey()).ifPresent(t -> leads.askReporter(t, p, true))),
                clock, tuning.reminderPoll(), 4);
        AtomicInteger ticks = new AtomicInteger();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                posting.sweep(100);
                sla.recomputeDirty(200);
                opening.requestMissing(50);
                opening.openSoon();
                int tick = ticks.incrementAndGet();
                if (tick % 12 == 1) {
                    announcing.announceUpcoming();
                    maintenanceAnswers.reportHits();
                }
                if (tick % 120 == 0) {
                    tickets.forgetDeliveriesBefore(clock.instant().minus(KEEP_DELIVERIES));
                }
            } catch (RuntimeException e) {
                log.error("sweep failed; next one in {} ms", tuning.sweepEvery().toMillis(), e);
            }
        }, 0, tuning.sweepEvery().toMillis(), TimeUnit.MILLISECONDS);

        log.info("Pompier is up on port {} for workspace {} as <@{}>, watching {} channel(s), store {}",
                http.port(), workspace.teamId(), workspace.botUserId(), workspace.watchedChannelIds().size(),
                config.database().toAbsolutePath());
        return new Pompier(http, followUps, crisisOpener, sweeper, reminders, bolt, tickets, database);
    }

    public int port() {
        return http.port();
    }

    /** Stops taking requests, then lets work under way finish, so nothing writes to the store after. */
    @Override
    public void close() {
        http.stop();
        tickets.close();
        sweeper.shutdownNow();
        reminders.close();
        followUps.shutdown();
        crisisOpener.shutdown();
        try {
            if (!followUps.awaitTermination(10, TimeUnit.SECONDS)) {
                followUps.shutdownNow();
            }
            if (!crisisOpener.awaitTermination(10, TimeUnit.SECONDS)) {
                crisisOpener.shutdownNow();
            }
            if (!sweeper.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("a sweep did not finish within 10 s of shutting down");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bolt.stop();
        database.close();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
