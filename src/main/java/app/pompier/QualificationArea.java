package app.pompier;

import app.pompier.outage.ReachOfReporters;
import app.pompier.qualification.ChangingPriority;
import app.pompier.qualification.LimitingSelfConfirmedP1s;
import app.pompier.qualification.PriorityPolicy;
import app.pompier.qualification.QualifyingTicket;
import app.pompier.qualification.slack.QualificationDialog;
import app.pompier.qualification.slack.QualificationListeners;
import app.pompier.qualification.slack.SlackPriorityNotices;
import app.pompier.qualification.slack.SlackQualificationNotices;
import app.pompier.store.DowngradeProposalsDatabaseRepository;
import app.pompier.store.SelfConfirmedP1sDatabaseRepository;
import com.slack.api.bolt.App;

/**
 * Qualification's piece of the composition root: the dialog that asks what support needs, the priority computed from
 * impact, and priorities changed by hand (confirmed, raised, proposed for a downgrade).
 */
record QualificationArea(QualifyingTicket qualifying, ChangingPriority priorities) {

    static QualificationArea wire(Shared s, SlaArea sla, TicketArea ticket, OutageArea outage) {
        Config.Team team = s.team();
        ChangingPriority priorities = new ChangingPriority(s.tickets(),
                new DowngradeProposalsDatabaseRepository(s.database().jdbi()),
                new SlackPriorityNotices(s.thread(), s.leadsChannel(), s.followUps(), s.languages(),
                        s.workspace().leadChannelId()),
                s.timers(), sla.counting(), team.roles().downgradeReminderAfter(), ticket.changes(), s.clock());
        QualifyingTicket qualifying = new QualifyingTicket(s.tickets(), s.qualifications(),
                new PriorityPolicy(team.policy()), ticket.categorizing(),
                new SlackQualificationNotices(s.thread(), s.leadsChannel(), s.followUps(), s.languages(),
                        s.workspace().leadChannelId()), ticket.changes(),
                new ReachOfReporters(outage.related(), team.grouping()), new LimitingSelfConfirmedP1s(
                new SelfConfirmedP1sDatabaseRepository(s.database().jdbi()), team.roles().selfConfirmedP1PerHour(),
                s.clock()), s.clock());
        return new QualificationArea(qualifying, priorities);
    }

    /** The card's "Qualify" button and its dialog; given to {@code /ticket qualify}. */
    QualificationListeners listen(App bolt, Shared s) {
        QualificationListeners listeners = new QualificationListeners(qualifying,
                new QualificationDialog(s.team().policy()), s.roles(), s.gateway(), s.answers(), s.languages());
        listeners.register(bolt);
        return listeners;
    }
}
