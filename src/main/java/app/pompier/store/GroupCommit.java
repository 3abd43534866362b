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
import java.util.function.BiFunction;

/**
 * Writes items in groups: one transaction for everything that arrived while the previous group was being
 * committed, by one writer thread. SQLite has a single writer; one transaction per Slack event spends it on
 * commits and on handing the connection from thread to thread, and at a few hundred events a second the
 * acks queue up behind each other. A group costs one commit, and an item waits at most for the group before
 * it. When a group fails, each of its items is tried alone, so one bad item does not fail the others.
 *
 * @param <I> what is written
 * @param <O> what the writer answers for it
 */
final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_GROUP = 256;

    private final Jdbi jdbi;
    private final String firstStatement;
    private final BiFunction<Handle, I, O> write;
    private final Duration maxWait;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

    /**
     * @param write          writes one item inside the group's transaction
     * @param maxWait        how long a caller waits for its item before being told the store is unavailable
     * @param firstStatement run first in each group's transaction (a lock to take), or null
     */
    GroupCommit(Jdbi jdbi, String name, Duration maxWait, String firstStatement, BiFunction<Handle, I, O> write) {
        this.jdbi = jdbi;
        this.firstStatement = firstStatement;
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
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
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
            }
        }
        queue.forEach(p -> p.result().completeExceptionally(
                new StoreUnavailableException("Pompier is shutting down; the request can be retried")));
    }

    private void commit(List<Pending<I, O>> group) {
        List<O> answers;
        try {
            answers = jdbi.inTransaction(handle -> {
                List<O> out = new ArrayList<>(group.size());
                if (firstStatement != null) {
                    handle.createQuery(firstStatement).mapToMap().list();
                }
                for (Pending<I, O> p : group) {
                    out.add(write.apply(handle, p.item()));
                }
                return out;
            });
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
