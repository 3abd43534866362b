package app.pompier.ticket;

/** The people who reported the same incident in reports of their own: what becomes of it reaches them too. */
public interface IncidentFollowers {

    /** The incident changed; {@code before} is the state it had. */
    void changed(Ticket incident, TicketState before);

    /** These followers, then {@code next}. */
    default IncidentFollowers and(IncidentFollowers next) {
        return (incident, before) -> {
            changed(incident, before);
            next.changed(incident, before);
        };
    }

    IncidentFollowers NONE = (incident, before) -> {
    };
}
