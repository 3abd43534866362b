package app.pompier.slack;

import app.pompier.ticket.ChannelLanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@link ChannelLanes} for Slack's per-channel limit: each channel's work is taken in order, first answers before
 * follow-ups, a few items at a time (one posting while the next waits for its turn in {@link ChannelPace}), and the
 * lanes take turns on a shared pool: an item done, its lane goes to the back of the pool's queue, so a channel with
 * three hundred posts to make never holds the others up for more than one post. Work waiting under a key is not
 * queued twice; the store's claims keep two runs of one piece of work from both posting.
 */
public final class SlackChannelLanes implements ChannelLanes {
    private static final Logger log = LoggerFactory.getLogger(SlackChannelLanes.class);

    private final ExecutorService workers;
    private final int inFlightPerChannel;
    private final Map<String, Lane> lanes = new HashMap<>();

    private record Item(String key, Runnable work) {
    }

    private static final class Lane {
        final Deque<Item> first = new ArrayDeque<>();
        final Deque<Item> later = new ArrayDeque<>();
        final Set<String> waiting = new HashSet<>();
        int running;

        boolean isEmpty() {
            return first.isEmpty() && later.isEmpty();
        }

        Item next() {
            Item item = first.isEmpty() ? later.poll() : first.poll();
            if (item != null) {
                waiting.remove(item.key());
            }
            return item;
        }
    }

    /**
     * @param workers            the threads the lanes take turns on; shutting it down closes the lanes
     * @param inFlightPerChannel how many items of one channel may run at once
     */
    public SlackChannelLanes(ExecutorService workers, int inFlightPerChannel) {
        this.workers = workers;
        this.inFlightPerChannel = inFlightPerChannel;
    }

    @Override
    public boolean submit(String channel, String key, Urgency urgency, Runnable work) {
        Lane lane;
        synchronized (this) {
            if (workers.isShutdown()) {
                return false;
            }
            lane = lanes.computeIfAbsent(channel, c -> new Lane());
            if (!lane.waiting.add(key)) {
                return true;
            }
            (urgency == Urgency.FIRST_ANSWER ? lane.first : lane.later).add(new Item(key, work));
            if (lane.running >= inFlightPerChannel) {
                return true;
            }
            lane.running++;
        }
        return schedule(channel, lane);
    }

    /** Runs the lane's next item on a worker, then queues the lane again behind the others. */
    private boolean schedule(String channel, Lane lane) {
        try {
            workers.execute(() -> runNext(channel, lane));
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                release(channel, lane);
            }
            log.debug("shutting down: the work waiting for {} is left to its outbox", channel);
            return false;
        }
    }

    private void runNext(String channel, Lane lane) {
        Item item;
        synchronized (this) {
            item = lane.next();
            if (item == null) {
                release(channel, lane);
                return;
            }
        }
        try {
            item.work().run();
        } catch (RuntimeException e) {
            log.error("work {} in {} failed; its outbox keeps it for the next sweep", item.key(), channel, e);
        } finally {
            // Even an Error passes the slot on (or gives it back), or the channel would lose a lane for good.
            boolean more;
            synchronized (this) {
                more = !lane.isEmpty();
                if (!more) {
                    release(channel, lane);
                }
            }
            if (more) {
                schedule(channel, lane);
            }
        }
    }

    /** One item of the lane less runs; the lane goes when nothing runs or waits. */
    private void release(String channel, Lane lane) {
        lane.running--;
        if (lane.running <= 0 && lane.isEmpty() && lanes.get(channel) == lane) {
            lanes.remove(channel);
        }
    }

    @Override
    public boolean isShutdown() {
        return workers.isShutdown();
    }

    /** Items waiting in a channel's lane; for tests and metrics. */
    public synchronized int waiting(String channel) {
        Lane lane = lanes.get(channel);
        return lane == null ? 0 : lane.first.size() + lane.later.size();
    }
}
