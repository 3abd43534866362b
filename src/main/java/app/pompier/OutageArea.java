package app.pompier;

import app.pompier.ops.Components;
import app.pompier.outage.KeepingOutageBoards;
import app.pompier.outage.LinkingReports;
import app.pompier.outage.RelatingReports;
import app.pompier.outage.TellingRelatedReporters;
import app.pompier.outage.slack.OutageListeners;
import app.pompier.outage.slack.OutageWords;
import app.pompier.outage.slack.SlackOutageNotices;
import app.pompier.qualification.ChangingPriority;
import app.pompier.slack.CallBudget;
import app.pompier.store.OutageBoardsDatabaseRepository;
import app.pompier.store.RelatedReportsDatabaseRepository;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.IncidentFollowers;
import app.pompier.ticket.PostingCards;
import com.slack.api.bolt.App;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Mass outages' piece of the composition root, in steps: the related reports and what their reporters are told come
 * first (cards show the count, cells tell the reporters); relating a report to an incident comes once a ticket's
 * changes are followed up; linking and unlinking by hand once cards are posted.
 *
 * @param reporters what the reporters of related reports are told, in their threads
 */
record OutageArea(RelatedReportsDatabaseRepository related, OutageWords words, SlackOutageNotices notices,
                  TellingRelatedReporters reporters, KeepingOutageBoards boards) {

    /** @param drawer the one thread the outage boards are drawn on */
    static OutageArea wire(Shared s, ScheduledExecutorService drawer) {
        RelatedReportsDatabaseRepository related = new RelatedReportsDatabaseRepository(s.database().jdbi(),
                s.config().instance());
        OutageWords words = new OutageWords(s.languages());
        // Slack's documented floors for the two ways a reporter is acknowledged at once (per workspace); the
        // reactions' is shared with the cards' :ticket: marks. The boards' redraws take 30 of chat.update's 50 a
        // minute (Tier 3), whatever the number of boards; the cards' own redraws keep the rest.
        SlackOutageNotices notices = new SlackOutageNotices(s.gateway(), s.thread(), s.leadsChannel(), words,
                s.languages(), s.workspace().leadChannelId(), CallBudget.tier4(), s.reactions(),
                new CallBudget(30, java.time.Duration.ofMinutes(1), 3));
        return new OutageArea(related, words, notices, new TellingRelatedReporters(related, s.tickets(), notices,
                s.lanes(), s.claims(), s.clock()), new KeepingOutageBoards(new OutageBoardsDatabaseRepository(
                s.database().jdbi(), s.config().instance()), s.tickets(), notices, s.claims(), s.clock(),
                s.followUps(), drawer));
    }

    /** Whom an incident's changes reach: its related reporters, and its boards. */
    IncidentFollowers followers() {
        return reporters.and(boards);
    }

    /**
     * Intake's triage: a report that belongs to an incident already known is related to it before its first answer,
     * decided ahead of it on {@code grouping}, the one thread reports are decided on.
     */
    RelatingReports relating(Shared s, Components components, FollowingUpChanges changes, Executor grouping) {
        return new RelatingReports(related, s.tickets(), components, s.team().grouping(), notices, changes,
                s.followUps(), s.sweeper(), s.tuning().incidentRedrawEvery(), s.turns(), s.clock(), boards, grouping);
    }

    /** {@code /ticket link} and {@code unlink}, and the incident card's buttons; given to {@code /ticket}. */
    OutageListeners listen(App bolt, Shared s, RelatingReports relating, PostingCards posting,
                           FollowingUpChanges changes, ChangingPriority priorities) {
        OutageListeners listeners = new OutageListeners(new LinkingReports(related, s.tickets(), relating, posting,
                changes, notices, priorities, s.followUps(), s.clock()), s.roles(), s.answers(), s.languages());
        listeners.register(bolt);
        return listeners;
    }
}
