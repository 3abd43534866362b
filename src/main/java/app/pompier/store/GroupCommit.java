package app.pompier.store;

import app.pompier.StoreUnavailableException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes items in groups: one transaction for everything that arrived while the previous group was being
 * committed, by one writer thread. SQLite has a single writer; one transaction per Slack event spends it on
 * commits and on handing the connection from thread to thread, and at a few hundred events a second the
 * acks queue up behind each other. A group costs one commit, and an item waits at most for the group before
 * it. When a group fails, each of its items is tried alone, so one bad item does not fail the others; when the writer
 * says which item failed ({@link ItemFailed}: its row was held by another replica's unfinished write), that item alone
 * is failed at once and the others are written together.
 *
 * @param <I> what is written
 * @param <O> what the writer answers for it
 */
final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_GROUP = 256;

    private final Jdbi jdbi;
    private final Consumer<Handle> begin;
    private final GroupWriter<I, O> write;
    private final Duration maxWait;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    /** When the group being written was taken from the queue ({@link System#nanoTime}); 0 between groups. */
    private volatile long writingSince;

    private record Pending<I, O>(I item, CompletableFuture<O> result, long since) {
    }

    /** Writes a whole group inside its transaction and answers for each item, in order. */
    @FunctionalInterface
    interface GroupWriter<I, O> {
        /** @throws ItemFailed when one item failed and the others may be written without it */
        List<O> write(Handle handle, List<I> items);
    }

    /** One item of a group failed on its own (its {@code cause}); the group's transaction is rolled back. */
    static final class ItemFailed extends RuntimeException {
        private final int index;

        ItemFailed(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }

        RuntimeException failure() {
            return (RuntimeException) getCause();
        }
    }

    /**
     * A group commit whose writer writes each group as a whole ({@code write}).
     *
     * @param maxWait how long a caller waits for its item before being told the store is unavailable
     * @param begin   run first in each group's transaction (a setting), or null
     */
    static <I, O> GroupCommit<I, O> inGroups(Jdbi jdbi, String name, Duration maxWait, Consumer<Handle> begin,
                                             GroupWriter<I, O> write) {
        return new GroupCommit<>(jdbi, name, maxWait, begin, write);
    }

    private GroupCommit(Jdbi jdbi, String name, Duration maxWait, Consumer<Handle> begin, GroupWriter<I, O> write) {
        this.jdbi = jdbi;
        this.begin = begin;
        this.write = write;
        this.maxWait = maxWait;
        this.writer = new Thread(this::run, name);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Writes the item with the next group and returns what the writer answered. A caller that gives up
     * waiting gets {@link StoreUnavailableException}; its item may still be written afterwards, which is
     * why what is written must be idempotent (Slack delivers an unanswered event again).
     */
    O submit(I item) {
        if (closed) {
            throw new StoreUnavailableException("Pompier is shutting down; the request can be retried");
        }
        if (!writer.isAlive()) {
            // Only an Error (out of memory...) ends the writer; waiting for it would only time out.
            throw new StoreUnavailableException(writer.getName() + " has stopped (its error is in the log);"
                    + " restart Pompier");
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>(), System.nanoTime());
        queue.add(pending);
        try {
            return pending.result().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StoreUnavailableException("the store did not record the request within "
                    + maxWait.toMillis() + " ms; the request can be retried", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while the store recorded the request", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreUnavailableException("the store failed: " + e.getCause(), e.getCause());
        }
    }

    private void run() {
        List<Pending<I, O>> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                writingSince = first.since();
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // commit() completes every item; this is only a safety net that keeps the writer alive.
                log.error("{} failed on a group of {}", writer.getName(), group.size(), e);
                group.forEach(p -> p.result().completeExceptionally(e));
            } finally {
                group.clear();
                writingSince = 0;
            }
        }
        queue.forEach(p -> p.result().completeExceptionally(
                new StoreUnavailableException("Pompier is shutting down; the request can be retried")));
    }

    private void commit(List<Pending<I, O>> group) {
        if (group.isEmpty()) {
            return;
        }
        List<I> items = group.stream().map(Pending::item).toList();
        List<O> answers;
        try {
            answers = jdbi.inTransaction(handle -> {
                if (begin != null) {
                    begin.accept(handle);
                }
                return write.write(handle, items);
            });
        } catch (ItemFailed failed) {
            // That item's row is another writer's for now: it alone is answered "retry", the others go on together.
            group.get(failed.index).result().completeExceptionally(failed.failure());
            List<Pending<I, O>> others = new ArrayList<>(group);
            others.remove(failed.index);
            commit(others);
            return;
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(e);
                return;
            }
            log.warn("{}: a group of {} failed ({}); writing each alone", writer.getName(), group.size(),
                    e.toString());
            for (Pending<I, O> p : group) {
                commit(List.of(p));
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(answers.get(i));
        }
    }

    /** Whether the writer runs (only an Error ends it). */
    boolean writing() {
        return writer.isAlive() && !closed;
    }

    /**
     * How long the oldest item not yet answered has waited: the group being written, else the head of the queue. A
     * writer stuck on the store (out of connections, out of reach) shows here before callers time out.
     */
    Duration oldestWait() {
        long now = System.nanoTime();
        long since = writingSince;
        Pending<I, O> head = queue.peek();
        long oldest = since != 0 ? since : head != null ? head.since() : now;
        return Duration.ofNanos(Math.max(0, now - oldest));
    }

    /** Items waiting for the writer; for tests. */
    int queued() {
        return queue.size();
    }

    /** Takes no more items, writes those already queued, and waits (at most 10 s) for the writer to finish. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
