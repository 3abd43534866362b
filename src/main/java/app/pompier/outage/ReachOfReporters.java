package app.pompier.outage;

import app.pompier.qualification.Reach;
import app.pompier.qualification.ReportersReach;

/**
 * The reach an incident's reporters show: two people or more are "several users"; {@code many_reporters} or more
 * are "a whole team or site", so that the policy's P1 minimum reach can be met by the count itself.
 */
public final class ReachOfReporters implements ReportersReach {
    private final RelatedReports reports;
    private final GroupingSettings settings;

    public ReachOfReporters(RelatedReports reports, GroupingSettings settings) {
        this.reports = reports;
        this.settings = settings;
    }

    @Override
    public Shown of(long ticketKey) {
        int people = reports.reportersOf(ticketKey).people();
        Reach reach = people >= settings.manyReporters() ? Reach.TEAM_OR_SITE
                : people >= 2 ? Reach.SEVERAL_USERS : Reach.ONE_USER;
        return new Shown(reach, people);
    }
}
