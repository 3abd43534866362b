package app.pompier;

import app.pompier.http.HttpServer;
import app.pompier.http.MetricsEndpoint;
import app.pompier.http.TicketApi;
import app.pompier.language.Languages;
import app.pompier.outage.RelatingReports;
import app.pompier.sla.KeepingSla;
import app.pompier.slack.ChannelPace;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackChannelLanes;
import app.pompier.slack.SlackEndpoint;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackPeopleLanguages;
import app.pompier.slack.SlackRequests;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.slack.SlackWorkspace;
import app.pompier.slack.SocketModeConnection;
import app.pompier.slack.TicketThread;
import app.pompier.slack.CallBudget;
import app.pompier.slack.UserGroupRoles;
import app.pompier.store.Database;
import app.pompier.store.DatabaseChannelPace;
import app.pompier.store.DatabaseTurns;
import app.pompier.store.DurableTimers;
import app.pompier.store.OperationalFigures;
import app.pompier.store.QualificationsDatabaseRepository;
import app.pompier.store.ReplicaHeartbeat;
import app.pompier.store.TicketsDatabaseRepository;
import app.pompier.ticket.Claims;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.Standing;
import app.pompier.ticket.Turns;
import app.pompier.ticket.slack.StateChanges;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts Pompier: the one place that builds and wires objects. What every area shares is built here ({@link Shared});
 * each area is wired by its own small piece ({@link TicketArea}, {@link QualificationArea}, {@link SlaArea},
 * {@link CrisisArea}, {@link OutageArea}, {@link OpsArea}, {@link LeadsArea}), in the order they need one another.
 */
public final class Pompier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pompier.class);
    /** A clock this far from the database's is told to those who run Pompier: leases are judged by the clocks. */
    private static final Duration CLOCK_SKEW_WARNING = Duration.ofSeconds(2);

    /**
     * How often background work looks for what is due.
     *
     * @param sweepEvery            cards, SLA recomputations and crisis cells left behind (a crash, an outage)
     * @param reminderPoll          due SLA reminders (db-scheduler's polling interval)
     * @param announceEvery         collisions to announce ahead, maintenance counts to tell their owners
     * @param forgetDeliveriesEvery delivery ids old enough that Slack no longer retries them
     * @param socketModeCheckEvery  whether the Socket Mode connection still answers pings (reconnecting if not)
     * @param incidentRedrawEvery   at most how often an incident's card and cell topic show its new count while
     *                              reports pour in (each topic change is a line in the cell)
     */
    public record Tuning(Duration sweepEvery, Duration reminderPoll, Duration announceEvery,
                         Duration forgetDeliveriesEvery, Duration socketModeCheckEvery, Duration incidentRedrawEvery) {
        public static Tuning defaults() {
            return new Tuning(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1),
                    Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    private final HttpServer http;
    private final ExecutorService followUps;
    private final ExecutorService laneWorkers;
    private final ExecutorService crisisOpener;
    private final ScheduledExecutorService sweeper;
    private final DurableTimers reminders;
    private final App bolt;
    private final SocketModeConnection socketMode;
    private final TicketsDatabaseRepository tickets;
    private final Database database;
    private final ScheduledExecutorService heartbeats;
    private final ReplicaHeartbeat heartbeat;
    private final Turns turns;
    private final ScheduledExecutorService rolesRefresher;
    private final SlackPeopleLanguages people;
    /** Reports decided ahead of their first answer, and outage boards drawn: what they leave is due in the store. */
    private final List<ExecutorService> outageWorkers;

    private Pompier(HttpServer http, ExecutorService followUps, ExecutorService laneWorkers,
                    ExecutorService crisisOpener,
                    ScheduledExecutorService sweeper, DurableTimers reminders, App bolt,
                    SocketModeConnection socketMode, TicketsDatabaseRepository tickets, Database database,
                    ScheduledExecutorService heartbeats, ReplicaHeartbeat heartbeat, Turns turns,
                    ScheduledExecutorService rolesRefresher, SlackPeopleLanguages people,
                    List<ExecutorService> outageWorkers) {
        this.outageWorkers = outageWorkers;
        this.people = people;
        this.turns = turns;
        this.rolesRefresher = rolesRefresher;
        this.heartbeats = heartbeats;
        this.heartbeat = heartbeat;
        this.socketMode = socketMode;
        this.database = database;
        this.tickets = tickets;
        this.http = http;
        this.followUps = followUps;
        this.laneWorkers = laneWorkers;
        this.crisisOpener = crisisOpener;
        this.sweeper = sweeper;
        this.reminders = reminders;
        this.bolt = bolt;
    }

    public static void main(String[] args) {
        try {
            // The hook is there before /readyz can say ready: a stop sent right then still closes Pompier in order.
            java.util.concurrent.atomic.AtomicReference<Pompier> running = new java.util.concurrent.atomic.AtomicReference<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Pompier started = running.get();
                if (started != null) {
                    started.close();
                }
            }, "pompier-shutdown"));
            running.set(start(Config.fromEnvironment(), Clock.systemUTC(), Tuning.defaults()));
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
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The store (Flyway) and Slack (the SDK, auth.test, the channels) do not need each other, and each
        // costs about half a second at start, most of it loading classes: they load side by side.
        // supplyAsync completes the future whatever the thread throws, so start-up never waits on a dead thread.
        // How this replica stands with the others: its claims on shared work hold only while they count it alive, and
        // Slack is called for such work only while they hold.
        Standing standing = ReplicaHeartbeat.standingOn(config.database());
        Claims claims = new Claims(standing);
        CompletableFuture<SlackSide> slackSide = CompletableFuture.supplyAsync(() -> SlackSide.connect(config, clock,
                        metrics, claims), task -> named("pompier-connect-slack").newThread(task).start());
        // Listening early costs nothing: /readyz says "starting" and Slack's requests are told to come back. Jetty and
        // Javalin take a third of a second to start, on a thread of their own while the store opens.
        CompletableFuture<HttpServer> listening = CompletableFuture.supplyAsync(() -> listen(config.port()),
                task -> named("pompier-listen").newThread(task).start());
        Database database;
        try {
            database = Database.open(config.database(), metrics);
        } catch (StoreUnavailableException e) {
            stop(listening);
            throw new StartupException(e.getMessage(), e);
        }
        TicketsDatabaseRepository tickets = new TicketsDatabaseRepository(database, config.instance());
        ReplicaHeartbeat heartbeat = new ReplicaHeartbeat(database, config.instance(), standing);
        ScheduledExecutorService heartbeats;
        try {
            heartbeats = beating(heartbeat, clock, metrics);
        } catch (StoreUnavailableException e) {
            stop(listening);
            tickets.close();
            database.close();
            throw new StartupException(e.getMessage(), e);
        }
        HttpServer http = null;
        try {
            http = joined(listening);
            return wire(config, clock, tuning, metrics, database, tickets, joined(slackSide), http, heartbeats,
                    heartbeat, claims);
        } catch (RuntimeException e) {
            heartbeats.shutdownNow();
            if (http != null) {
                http.stop();
            }
            tickets.close();
            database.close();
            throw e;
        }
    }

    private static HttpServer listen(int port) {
        HttpServer http = new HttpServer();
        try {
            http.start(port);
            return http;
        } catch (RuntimeException e) {
            throw new StartupException("cannot listen on PORT=" + port + " (" + e.getMessage()
                    + "); choose a free port", e);
        }
    }

    /** Stops the server once it listens; nothing when it could not listen. */
    private static void stop(CompletableFuture<HttpServer> listening) {
        try {
            joined(listening).stop();
        } catch (RuntimeException couldNotListen) {
            // Nothing to stop; the start's own failure is what is reported.
        }
    }

    /**
     * This replica alive from now, before it takes back its last run's claims, and beating on a thread of its own:
     * a long sweep or a busy pool must not make it look dead to the others.
     */
    private static ScheduledExecutorService beating(ReplicaHeartbeat heartbeat, Clock clock, MeterRegistry metrics) {
        heartbeat.started(clock);
        java.util.concurrent.atomic.AtomicLong skewMillis = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean skewed = new java.util.concurrent.atomic.AtomicBoolean();
        io.micrometer.core.instrument.Gauge.builder("pompier_clock_skew_seconds", skewMillis, s -> s.get() / 1000.0)
                .description("How far this replica's clock is from the database's (positive: ahead)")
                .register(metrics);
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(named("pompier-heartbeat"));
        heartbeats.scheduleAtFixedRate(() -> {
            try {
                Duration skew = heartbeat.beat(clock);
                skewMillis.set(skew.toMillis());
                boolean off = skew.abs().compareTo(CLOCK_SKEW_WARNING) > 0;
                if (off != skewed.getAndSet(off)) {
                    if (off) {
                        log.warn("this replica's clock is {} ms {} the database's: claims' leases (2 min) are judged"
                                + " by the replicas' clocks, so keep them in time with NTP", skew.abs().toMillis(),
                                skew.isNegative() ? "behind" : "ahead of");
                    } else {
                        log.info("this replica's clock is back within {} ms of the database's",
                                CLOCK_SKEW_WARNING.toMillis());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("this replica's heartbeat could not be written ({}); other replicas take over its claims"
                        + " if it stays silent for 20 s", e.toString());
            }
        }, ReplicaHeartbeat.BEAT_EVERY.toMillis(), ReplicaHeartbeat.BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return heartbeats;
    }

    private static <T> T joined(CompletableFuture<T> started) {
        try {
            return started.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Slack as found at start: the client, the workspace's channels and the support roles, their members read once
     * ({@code rolesRead}: every group could be read) before Pompier says it is ready.
     */
    private record SlackSide(Slack slack, SlackGateway gateway, SlackWorkspace workspace, UserGroupRoles roles,
                             boolean rolesRead) {
        static SlackSide connect(Config config, Clock clock, MeterRegistry metrics, Claims claims) {
            SlackConfig slackConfig = new SlackConfig();
            slackConfig.setMethodsEndpointUrlPrefix(config.slack().apiUrl());
            slackConfig.setStatsEnabled(false);
            Slack slack = Slack.getInstance(slackConfig);
            SlackGateway gateway = new SlackGateway(slack, config.slack().botToken(), metrics, claims);
            try {
                SlackWorkspace workspace = SlackWorkspace.discover(gateway, config.team().watchedChannels(),
                        config.team().roles().leadChannel(), config.team().crisis().stakeholderChannel(),
                        config.team().ops().channel(), config.team().speech().channelLanguages());
                UserGroupRoles roles = UserGroupRoles.resolve(gateway, clock, config.team().roles().supportGroup(),
                        config.team().roles().leadGroup(), config.team().routing(), config.team().ops().owners());
                return new SlackSide(slack, gateway, workspace, roles, roles.refreshAll());
            } catch (SlackWorkspace.Mismatch e) {
                throw new StartupException(e.getMessage(), e);
            } catch (SlackUnavailableException e) {
                throw new StartupException("Slack did not answer at SLACK_API_URL=" + config.slack().apiUrl()
                        + " (" + e.getMessage() + "); check the URL and the network, then start again", e);
            }
        }
    }

    private static Pompier wire(Config config, Clock clock, Tuning tuning, PrometheusMeterRegistry metrics,
                                Database database, TicketsDatabaseRepository tickets, SlackSide slackSide,
                                HttpServer http, ScheduledExecutorService heartbeats, ReplicaHeartbeat heartbeat,
                                Claims claims) {
        Config.Team team = config.team();
        Slack slack = slackSide.slack();
        SlackGateway gateway = slackSide.gateway();
        SlackWorkspace workspace = slackSide.workspace();
        UserGroupRoles roles = slackSide.roles();

        ExecutorService followUps = Executors.newFixedThreadPool(4, named("pompier-slack"));
        // Posts in support channels (cards, replies, news for related reporters) take turns channel by channel.
        ExecutorService laneWorkers = Executors.newFixedThreadPool(8, named("pompier-lanes"));
        SlackChannelLanes lanes = new SlackChannelLanes(laneWorkers, 2);
        // One thread opens crisis cells, so that a storm of P1s gets its channels in order of arrival.
        ExecutorService crisisOpener = Executors.newSingleThreadExecutor(named("pompier-crisis"));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(named("pompier-sweeper"));
        // Reports are decided on one thread ahead of their first answer, and outage boards drawn on another.
        ExecutorService grouping = Executors.newSingleThreadExecutor(named("pompier-grouping"));
        ScheduledExecutorService boardDrawer = Executors.newSingleThreadScheduledExecutor(named("pompier-boards"));
        // Who is support or a lead is read from Slack on a thread of its own, never in a role check (inside an ack).
        ScheduledExecutorService rolesRefresher = Executors.newSingleThreadScheduledExecutor(named("pompier-roles"));
        roles.refreshIn(rolesRefresher, slackSide.rolesRead());
        roles.measure(metrics);

        // What every area shares: the store, the work one replica at a time does, the languages and places of Slack.
        DurableTimers timers = new DurableTimers(database, config.instance(), metrics, claims);
        // Work one replica at a time does: grouping reports, opening crisis cells, one ticket's SLA, the calendar.
        Turns turns = DatabaseTurns.of(database, config.instance(), claims);
        SlackPeopleLanguages people = new SlackPeopleLanguages(gateway, clock);
        people.learnAll(roles.leads());
        Languages languages = new Languages(team.calendar().zone(), clock, team.speech().language(),
                workspace.channelLanguages(), people);
        // Slack's pace in a channel is the workspace's: replicas sharing PostgreSQL reserve each post's slot there.
        double postsPerSecond = config.slack().postsPerChannelPerSecond();
        ChannelPace pace = database.dialect() == Database.Dialect.POSTGRESQL
                ? ChannelPace.shared(new DatabaseChannelPace(database)::reserve, postsPerSecond, ChannelPace.BURST)
                : ChannelPace.inMemory(postsPerSecond, ChannelPace.BURST);
        TicketThread thread = new TicketThread(gateway, followUps, pace);
        Shared s = new Shared(config, tuning, clock, metrics, database, tickets,
                new QualificationsDatabaseRepository(database.jdbi()), gateway, workspace, roles, claims, turns, timers,
                languages, thread, new PrivateAnswers(gateway, followUps), new LeadsChannel(gateway, thread,
                workspace.leadChannelId(), roles.leadGroupId(), languages), followUps, lanes, sweeper, CallBudget.tier3());

        // Each area, in the order they need one another (see each piece for what it holds).
        SlaArea sla = SlaArea.wire(s);
        OpsArea ops = OpsArea.wire(s);
        OutageArea outage = OutageArea.wire(s, boardDrawer);
        TicketArea.Answers answers = TicketArea.answers(s, sla, outage);
        CrisisArea crisis = CrisisArea.wire(s, sla, outage, crisisOpener);
        KeepingSla keeping = sla.keeping(s, answers.cards(), crisis.running());
        LeadsArea leads = LeadsArea.wire(s, sla);
        FollowingUpChanges changes = answers.followUps(s, keeping, crisis.running(), leads.home(), outage.followers());
        RelatingReports relating = outage.relating(s, ops.components(), changes, grouping);
        TicketArea ticket = TicketArea.wire(s, answers, changes, relating, ops.maintenanceAnswers());
        QualificationArea qualification = QualificationArea.wire(s, sla, ticket, outage);
        RecoveryAtStart.run(tickets, outage.related(), sla.clocks(), timers, clock);

        // Slack's listeners.
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
        people.register(bolt);
        roles.register(bolt);
        StateChanges states = ticket.states(s, crisis.running());
        crisis.listen(bolt, s, states);
        ticket.listen(bolt, s, states, qualification.listen(bolt, s),
                leads.listen(bolt, s, sla, qualification.priorities(), ticket),
                outage.listen(bolt, s, relating, ticket.posting(), changes, qualification.priorities()));
        sla.listen(bolt, s);
        ops.listen(bolt, s);
        try {
            bolt.start();
        } catch (IllegalArgumentException e) {
            throw new StartupException("Slack refused SLACK_BOT_TOKEN when Bolt started: " + e.getMessage(), e);
        }

        // Slack's requests (HTTP, Socket Mode or both), HTTP, timed work, sweeps.
        SlackRequests slackRequests = new SlackRequests(bolt, metrics);
        List<HttpServer.ReadinessCheck> readiness = new ArrayList<>(List.of(
                new HttpServer.ReadinessCheck("store", database::isHealthy),
                new HttpServer.ReadinessCheck("migrations", database::isMigrated),
                // A replica that cannot take Slack's events in (its writer dead or stuck, no connection to be had) is
                // not ready, so that a balancer sends them to another.
                new HttpServer.ReadinessCheck("intake", tickets::intakeWriting),
                new HttpServer.ReadinessCheck("store_connections", database::hasConnectionsToSpare),
                new HttpServer.ReadinessCheck("slack_auth", () -> workspace.botUserId() != null)));
        SocketModeConnection socketMode = null;
        if (config.slack().socketMode()) {
            socketMode = openSocketMode(slack, config, slackRequests, tuning);
            readiness.add(new HttpServer.ReadinessCheck("slack_socket_mode", socketMode::connected));
        }
        TicketApi api = new TicketApi(config.apiToken(), workspace.teamId(), tickets, leads.figures(), sla.reading(),
                outage.related(), clock);
        PompierMetrics figuresForMetrics = new PompierMetrics(metrics, new OperationalFigures(database.jdbi()), clock);
        SlackEndpoint endpoint = config.slack().signingSecret() == null ? null
                : new SlackEndpoint(slackRequests, config.slack().signingSecret(), clock);
        warmUp(endpoint, tickets, config.warmUp());
        http.serve(endpoint, api, ops.api(s, api),
                new MetricsEndpoint(api, config.metricsOpen(), figuresForMetrics::scrape), readiness);
        timers.start(keeping::remind, crisis.running()::checkStatus, qualification.priorities()::remindReporter, clock,
                tuning.reminderPoll(), 4);
        new Sweeps(ticket.posting(), outage.reporters(), outage.boards(), keeping, crisis.opening(), ops.announcing(),
                ops.maintenanceAnswers(), tickets, turns, clock).start(sweeper, tuning);

        log.info("Pompier {} is up on port {} for workspace {} as <@{}>, watching {} channel(s), store {}",
                config.instance(), http.port(), workspace.teamId(), workspace.botUserId(),
                workspace.watchedChannelIds().size(), config.database().describe());
        return new Pompier(http, followUps, laneWorkers, crisisOpener, sweeper, timers, bolt, socketMode, tickets,
                database, heartbeats, heartbeat, turns, rolesRefresher, people, List.of(grouping, boardDrawer));
    }

    /**
     * Intake's path run on made-up requests for a while before {@code /readyz} says ready, in rounds of 50 through
     * the endpoint (signature, parser, Bolt, listener) and through the store (a transaction rolled back). Cold,
     * a replica answered its first seconds of a 500/s burst in up to a second and a half; see the README.
     */
    private static void warmUp(SlackEndpoint endpoint, TicketsDatabaseRepository tickets, Duration budget) {
        if (budget.isZero() || budget.isNegative()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int requests = 0;
        try {
            while (System.nanoTime() < deadline && requests < 20_000) {
                tickets.warmUp(50);
                if (endpoint != null) {
                    endpoint.warmUp(50);
                }
                requests += 50;
            }
            log.info("intake warmed up on {} made-up requests in {} ms", requests,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // A warm-up is an optimisation: Pompier serves all the same, its first requests slower.
            log.warn("the warm-up stopped after {} made-up requests: {}", requests, e.toString());
        }
    }

    private static SocketModeConnection openSocketMode(Slack slack, Config config, SlackRequests requests,
                                                       Tuning tuning) {
        try {
            return SocketModeConnection.open(slack, config.slack().appToken(), requests,
                    tuning.socketModeCheckEvery());
        } catch (SocketModeConnection.Refused e) {
            throw new StartupException(e.getMessage(), e);
        } catch (SlackUnavailableException e) {
            throw new StartupException("Slack did not answer apps.connections.open at SLACK_API_URL="
                    + config.slack().apiUrl() + " (" + e.getMessage() + "); check the URL and the network", e);
        }
    }

    public int port() {
        return http.port();
    }

    /** Stops taking requests, then lets work under way finish, so nothing writes to the store after. */
    @Override
    public void close() {
        if (socketMode != null) {
            socketMode.close();
        }
        http.stop();
        tickets.close();
        sweeper.shutdownNow();
        rolesRefresher.shutdownNow();
        people.close();
        reminders.close();
        followUps.shutdown();
        // Posts still waiting for their channel's turn stay due in the store: the next start makes them.
        laneWorkers.shutdownNow();
        outageWorkers.forEach(ExecutorService::shutdownNow);
        crisisOpener.shutdown();
        boolean postsFinished = false;
        try {
            if (!followUps.awaitTermination(10, TimeUnit.SECONDS)) {
                followUps.shutdownNow();
            }
            postsFinished = laneWorkers.awaitTermination(10, TimeUnit.SECONDS);
            for (ExecutorService workers : outageWorkers) {
                postsFinished &= workers.awaitTermination(10, TimeUnit.SECONDS);
            }
            if (!postsFinished) {
                log.warn("a post in a channel did not finish within 10 s of shutting down");
            }
            if (!crisisOpener.awaitTermination(10, TimeUnit.SECONDS)) {
                crisisOpener.shutdownNow();
            }
            if (!sweeper.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("a sweep did not finish within 10 s of shutting down");
            }
            heartbeats.shutdownNow();
            heartbeats.awaitTermination(5, TimeUnit.SECONDS);
            if (turns instanceof AutoCloseable leases) {
                leases.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not stop renewing this replica's turns: {}", e.toString());
        }
        bolt.stop();
        if (postsFinished) {
            try {
                // What this replica leaves is the others' at once, not after 20 s of silence. A post still under
                // way keeps its claim until the silence is noticed.
                heartbeat.stopped();
            } catch (RuntimeException e) {
                log.warn("could not tell the other replicas that this one stops: {}", e.toString());
            }
        }
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
