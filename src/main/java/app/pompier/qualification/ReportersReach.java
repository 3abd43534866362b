package app.pompier.qualification;

/**
 * How widely a ticket's reporters show it hits: one outage reported by several people hits several users at least,
 * whatever the first reporter answered in the dialog.
 */
public interface ReportersReach {

    /** What the reports of a ticket (its related reports included) show. */
    Shown of(long ticketKey);

    /** @param reach the least reach the reports show; {@code people} is how many people reported it */
    record Shown(Reach reach, int people) {
    }

    ReportersReach ONE = key -> new Shown(Reach.ONE_USER, 1);
}
