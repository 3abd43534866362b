package app.pompier;

import app.pompier.leads.slack.AppHome;
import app.pompier.leads.slack.LeadCommands;
import app.pompier.ops.AnsweringDuringMaintenance;
import app.pompier.outage.RelatingReports;
import app.pompier.outage.slack.OutageListeners;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.qualification.slack.QualificationListeners;
import app.pompier.sla.KeepingSla;
import app.pompier.store.RotationsDatabaseRepository;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.FollowingUpChanges;
import app.pompier.ticket.IncidentFollowers;
import app.pompier.ticket.OpeningTicket;
import app.pompier.ticket.PostingCards;
import app.pompier.ticket.RoutingTicket;
import app.pompier.ticket.TakingTicket;
import app.pompier.ticket.slack.CardBlocks;
import app.pompier.ticket.slack.IntakeListeners;
import app.pompier.ticket.slack.SlackTicketCards;
import app.pompier.ticket.slack.SlackTicketNotices;
import app.pompier.ticket.slack.SlackTicketViews;
import app.pompier.ticket.slack.StateChanges;
import app.pompier.ticket.slack.TakeListeners;
import app.pompier.ticket.slack.TicketCommand;
import com.slack.api.bolt.App;

/**
 * The ticket's piece of the composition root, in steps: its card and thread notices first (the SLA's reminders and
 * the cells post beside them); what follows each change once the SLA, the cell and the App Home are there; intake,
 * states and taking once reports can be related to an incident; {@code /ticket} last, with every area's
 * sub-commands.
 */
record TicketArea(SlackTicketCards cards, FollowingUpChanges changes, PostingCards posting, OpeningTicket intake,
                  ChangingState changingState, TakingTicket taking, CategorizingTicket categorizing,
                  SlackTicketNotices notices) {

    /** A ticket's card and the notices in its thread. */
    record Answers(SlackTicketCards cards, SlackTicketNotices notices) {

        /**
         * What follows every change: routing, the SLA, the cell, the card and Home redrawn, and an incident's
         * {@code reporters} (its related reporters, its boards) told.
         */
        FollowingUpChanges followUps(Shared s, KeepingSla sla, RunningCrisisCell crisis, AppHome home,
                                     IncidentFollowers reporters) {
            FollowingUpChanges changes = new FollowingUpChanges(s.tickets(), new RoutingTicket(s.tickets(),
                    new RotationsDatabaseRepository(s.database().jdbi()), s.roles(), notices, s.clock()), sla, crisis,
                    notices, new SlackTicketViews(cards, home), s.followUps());
            changes.followedBy(reporters);
            return changes;
        }
    }

    static Answers answers(Shared s, SlaArea sla, OutageArea outage) {
        SlackTicketCards cards = new SlackTicketCards(s.gateway(), s.thread(), s.answers(),
                new CardBlocks(s.qualifications(), sla.reading(), sla.words(), outage.related(), s.tickets(),
                        outage.words(), s.languages()),
                outage.words(), s.languages(), s.reactions());
        return new Answers(cards, new SlackTicketNotices(s.thread(), s.languages()));
    }

    /** @param relating intake's triage, before a report's first answer */
    static TicketArea wire(Shared s, Answers answers, FollowingUpChanges changes, RelatingReports relating,
                           AnsweringDuringMaintenance maintenance) {
        PostingCards posting = new PostingCards(s.tickets(), answers.cards(), maintenance, relating, s.clock(),
                s.lanes(), s.claims());
        OpeningTicket intake = new OpeningTicket(s.tickets(), posting, answers.cards(), s.clock(),
                s.team().ticketPrefix(), s.workspace().watchedChannelIds());
        return new TicketArea(answers.cards(), changes, posting, intake, new ChangingState(s.tickets(), changes,
                s.clock()), new TakingTicket(s.tickets(), answers.notices(), changes, s.clock()),
                new CategorizingTicket(s.tickets(), changes, s.clock()), answers.notices());
    }

    /** The card's state buttons and their dialogs; the crisis cell's buttons share them. */
    StateChanges states(Shared s, RunningCrisisCell crisis) {
        return new StateChanges(changingState, s.roles(), crisis, categorizing, s.languages());
    }

    /** Intake, the card's "Take it", and {@code /ticket} with every area's sub-commands. */
    void listen(App bolt, Shared s, StateChanges states, QualificationListeners qualification, LeadCommands leads,
                OutageListeners outage) {
        new IntakeListeners(intake, s.workspace().botUserId()).register(bolt);
        TakeListeners take = new TakeListeners(taking, s.roles(), s.answers(), s.languages());
        take.register(bolt);
        new TicketCommand(qualification, take, states, leads, outage, s.languages()).register(bolt);
    }
}
