package app.pompier.ops;

import java.util.List;

/**
 * A collision as its owners are told of it: the nearest occurrence in full, the later ones of the same
 * maintenance and operation by date, and the nearest windows of the same length that collide with nothing.
 *
 * @param ahead      an announcement again a few days before, rather than the warning when it was declared
 * @param daysBefore how many days ahead announcements are made
 */
public record CollisionWarning(Collision nearest, List<Collision> later, List<Occurrence> freeWindows, boolean ahead,
                               int daysBefore) {
    public CollisionWarning {
        later = List.copyOf(later);
        freeWindows = List.copyOf(freeWindows);
    }
}
