package app.pompier;

import app.pompier.http.OpsApi;
import app.pompier.http.TicketApi;
import app.pompier.ops.AnnouncingCollisions;
import app.pompier.ops.AnsweringDuringMaintenance;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.OpsCalendar;
import app.pompier.ops.slack.OpsDesk;
import app.pompier.ops.slack.OpsWords;
import app.pompier.ops.slack.SlackOpsNotices;
import app.pompier.ops.slack.SlackOwners;
import app.pompier.store.OpsPlansDatabaseRepository;
import com.slack.api.bolt.App;

/**
 * The operations calendar's piece of the composition root: maintenance windows and business operations, the
 * collisions announced ahead, and the answer a report gets during a maintenance.
 */
record OpsArea(Components components, OpsPlansDatabaseRepository plans, OpsCalendar calendar, OpsWords words,
               AnnouncingCollisions announcing, AnsweringDuringMaintenance maintenanceAnswers,
               DeclaringOps declaring) {

    static OpsArea wire(Shared s) {
        Components components = s.team().ops().components();
        OpsPlansDatabaseRepository plans = new OpsPlansDatabaseRepository(s.database().jdbi());
        OpsCalendar calendar = new OpsCalendar(s.team().calendar().zone());
        OpsWords words = new OpsWords(components, s.languages());
        SlackOpsNotices notices = new SlackOpsNotices(s.gateway(), s.thread(), words, s.languages());
        AnnouncingCollisions announcing = new AnnouncingCollisions(plans, calendar, notices,
                s.workspace().opsChannelId(), s.team().ops().announceDaysBefore(), s.clock(), s.followUps());
        AnsweringDuringMaintenance maintenanceAnswers = new AnsweringDuringMaintenance(plans, calendar, components,
                notices, s.clock());
        DeclaringOps declaring = new DeclaringOps(plans, calendar, components, announcing, s.roles(),
                new SlackOwners(s.gateway()), s.clock());
        return new OpsArea(components, plans, calendar, words, announcing, maintenanceAnswers, declaring);
    }

    /** {@code /ops} and its dialogs. */
    void listen(App bolt, Shared s) {
        new OpsDesk(declaring, announcing, plans, calendar, components, s.gateway(), words, s.languages(), s.roles(),
                s.clock()).register(bolt);
    }

    /** The calendar's HTTP side: the ICS feed and the JSON API, behind {@code api}'s token. */
    OpsApi api(Shared s, TicketApi api) {
        return new OpsApi(api, s.config().calendarToken(), declaring, plans, calendar, components, s.languages(),
                s.clock());
    }
}
