package app.pompier.crisis;

import app.pompier.ticket.Ticket;

/** The people who reported a cell's incident in reports of their own, besides its reporter. */
public interface CellFollowers {

    /** A status update was posted in the cell: each of them is owed it. */
    void statusUpdate(Ticket incident, StatusReport report);

    /** How many people reported the incident, its own reporter included. */
    int people(Ticket incident);

    CellFollowers NONE = new CellFollowers() {
        @Override
        public void statusUpdate(Ticket incident, StatusReport report) {
        }

        @Override
        public int people(Ticket incident) {
            return 1;
        }
    };
}
