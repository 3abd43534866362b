package app.pompier.ticket;

import java.util.Optional;

/** Who of each team was given a ticket last, so that the next ticket goes to the next member. */
public interface Rotations {

    Optional<String> lastGiven(String team);

    /**
     * Records that {@code next} was given a ticket, if the last one given is still {@code last} (null: nobody
     * yet); false when someone else moved the rotation on first.
     */
    boolean moveOn(String team, String last, String next);
}
