package app.pompier.ops;

import app.pompier.ticket.Turn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A maintenance that collides with a business operation depending on its component is told at once to both
 * owners and to the operations channel, with the nearest free windows of the same length, and told again a few
 * days before it happens, once. Whether it was declared in a Slack dialog or through the JSON API makes no
 * difference.
 */
public final class AnnouncingCollisions {
    private static final System.Logger log = System.getLogger(AnnouncingCollisions.class.getName());

    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final OpsNotices notices;
    private final String opsChannel;
    private final int daysBefore;
    private final Clock clock;
    private final Executor executor;

    /**
     * @param opsChannel the operations channel, told of every collision; null for the owners only
     * @param executor   where announcements run, off the request that declared what collides
     */
    public AnnouncingCollisions(OpsPlans plans, OpsCalendar calendar, OpsNotices notices, String opsChannel,
                                int daysBefore, Clock clock, Executor executor) {
        this.plans = plans;
        this.calendar = calendar;
        this.notices = notices;
        this.opsChannel = opsChannel;
        this.daysBefore = daysBefore;
        this.clock = clock;
        this.executor = executor;
    }

    /** Collisions of everything declared, from now over the next {@code within}. */
    public List<Collision> upcoming(Duration within) {
        Instant now = clock.instant();
        return calendar.collisions(plans.windows(), plans.operations(), now, now.plus(within));
    }

    /** Announces what a declaration collides with, after the request that declared it was answered. */
    public void announceSoon(List<Collision> collisions) {
        if (collisions.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> announce(collisions, false));
        } catch (RejectedExecutionException e) {
            log.log(System.Logger.Level.WARNING, "shutting down: {0} collision(s) not announced", collisions.size());
        }
    }

    /**
     * Announces, once each, the collisions coming within the configured days: in the calendar's {@code turn}, which
     * records each announcement, so that a replica that lost the turn while frozen announces nothing.
     */
    public void announceUpcoming(Turn turn) {
        List<Collision> fresh = new ArrayList<>();
        for (Collision c : upcoming(Duration.ofDays(daysBefore))) {
            if (turn.record(() -> plans.announceOnce(c.key(), clock.instant()))) {
                fresh.add(c);
            }
        }
        announce(fresh, true);
    }

    /** One message per maintenance and operation pair to both owners and the operations channel. */
    void announce(List<Collision> collisions, boolean ahead) {
        for (CollisionWarning warning : warnings(collisions, ahead)) {
            Set<String> to = new LinkedHashSet<>();
            to.add(warning.nearest().window().owner());
            to.add(warning.nearest().operation().owner());
            if (opsChannel != null) {
                to.add(opsChannel);
            }
            to.forEach(recipient -> notices.collision(recipient, warning));
        }
    }

    /** The collisions grouped by maintenance and operation, the nearest in full and the later ones by date. */
    public List<CollisionWarning> warnings(List<Collision> collisions, boolean ahead) {
        Map<String, List<Collision>> byPair = new LinkedHashMap<>();
        for (Collision c : collisions) {
            byPair.computeIfAbsent(c.window().id() + ":" + c.operation().id(), k -> new ArrayList<>()).add(c);
        }
        return byPair.values().stream().map(pair -> warning(pair.get(0), pair.subList(1, pair.size()), ahead)).toList();
    }

    /** A warning about one collision alone, with the free windows to move its maintenance to. */
    public CollisionWarning warning(Collision c, List<Collision> later, boolean ahead) {
        return new CollisionWarning(c, later, calendar.freeWindows(c.window().component(), c.maintenance(),
                plans.operations()), ahead, daysBefore);
    }
}
