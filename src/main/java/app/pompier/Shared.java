package app.pompier;

import app.pompier.language.Languages;
import app.pompier.slack.LeadsChannel;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackChannelLanes;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackWorkspace;
import app.pompier.slack.TicketThread;
import app.pompier.slack.CallBudget;
import app.pompier.slack.UserGroupRoles;
import app.pompier.store.Database;
import app.pompier.store.DurableTimers;
import app.pompier.store.QualificationsDatabaseRepository;
import app.pompier.store.TicketsDatabaseRepository;
import app.pompier.ticket.Claims;
import app.pompier.ticket.Turns;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every area is wired with: the team's file, Slack as found at start, the store, the work shared between
 * replicas, the languages people read and the places Pompier speaks in. Each area's piece of the composition root
 * ({@link TicketArea}, {@link QualificationArea}, {@link SlaArea}, {@link CrisisArea}, {@link OutageArea},
 * {@link OpsArea}, {@link LeadsArea}) takes this and the few things of other areas it needs.
 *
 * @param tickets        the tickets, which every area reads and changes
 * @param qualifications what support was told of each ticket, shown on its card and in its cell
 * @param followUps what follows a Slack request off its thread (answers, dialogs, redraws)
 * @param lanes     posts in support channels, taking turns channel by channel
 * @param sweeper   periodic work (sweeps, an incident's redraws)
 * @param reactions what {@code reactions.add} may still take in the workspace (Tier 3), for every area
 */
record Shared(Config config, Pompier.Tuning tuning, Clock clock, MeterRegistry metrics, Database database,
              TicketsDatabaseRepository tickets, QualificationsDatabaseRepository qualifications,
              SlackGateway gateway, SlackWorkspace workspace, UserGroupRoles roles,
              Claims claims, Turns turns, DurableTimers timers, Languages languages, TicketThread thread,
              PrivateAnswers answers, LeadsChannel leadsChannel, ExecutorService followUps, SlackChannelLanes lanes,
              ScheduledExecutorService sweeper, CallBudget reactions) {

    Config.Team team() {
        return config.team();
    }
}
