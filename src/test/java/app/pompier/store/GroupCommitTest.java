package app.pompier.store;

import app.pompier.StoreUnavailableException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import app.pompier.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {
    @TempDir
    Path folder;
    Database database;
    Jdbi jdbi;
    final ExecutorService callers = Executors.newFixedThreadPool(12);

    @BeforeEach
    void open() {
        database = TestStore.open(folder, "g.db");
        jdbi = database.jdbi();
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        database.close();
    }

    long stored(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM slack_delivery WHERE event_id = :id")
                .bind("id", id).mapTo(Long.class).one());
    }

    /** A group commit whose items are written one after the other in the group's transaction. */
    <I, O> GroupCommit<I, O> oneByOne(Duration maxWait, java.util.function.BiFunction<org.jdbi.v3.core.Handle, I, O> write) {
        return GroupCommit.inGroups(jdbi, "test-writer", maxWait, null,
                (h, items) -> items.stream().map(item -> write.apply(h, item)).toList());
    }

    @Test
    void an_item_another_writer_holds_fails_alone_at_once_and_the_rest_of_its_group_is_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GroupCommit<String, String> group = GroupCommit.inGroups(jdbi, "test-writer", Duration.ofSeconds(10), null,
                (h, items) -> {
                    groups.add(items.size());
                    List<String> out = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i).equals("gate")) {
                            await(release);
                        }
                        if (items.get(i).equals("held")) {
                            throw new GroupCommit.ItemFailed(i, new StoreUnavailableException("held elsewhere"));
                        }
                        h.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", items.get(i));
                        out.add(items.get(i));
                    }
                    return out;
                })) {
            Future<String> gate = callers.submit(() -> group.submit("gate"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (groups.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(2);
            }
            List<Future<String>> sent = new ArrayList<>();
            for (String id : List.of("a", "held", "b")) {
                sent.add(callers.submit(() -> group.submit(id)));
                awaitQueued(group, sent.size());
            }
            release.countDown();
            assertEquals("gate", gate.get(10, TimeUnit.SECONDS));
            assertEquals("a", sent.get(0).get(10, TimeUnit.SECONDS));
            var refused = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> sent.get(1).get(10, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof StoreUnavailableException, refused.toString());
            assertEquals("b", sent.get(2).get(10, TimeUnit.SECONDS));
            assertEquals(List.of(1, 3, 2), groups, "the three in one group, tried again without the held one");
            assertEquals(1, stored("a"));
            assertEquals(1, stored("b"));
            assertEquals(0, stored("held"));
        }
    }

    static void awaitQueued(GroupCommit<?, ?> group, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (group.queued() < n && System.nanoTime() < until) {
            Thread.sleep(2);
        }
        assertEquals(n, group.queued());
    }

    @Test
    void items_that_arrive_while_a_group_commits_go_together_in_the_next_transaction() throws Exception {
        CountDownLatch writingFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Object> transactions = ConcurrentHashMap.newKeySet();
        try (GroupCommit<String, String> group = oneByOne(Duration.ofSeconds(10),
                (h, id) -> {
                    if (id.equals("first")) {
                        writingFirst.countDown();
                        await(release);
                    }
                    transactions.add(h);
                    h.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", id);
                    return id + " stored";
                })) {
            Future<String> first = callers.submit(() -> group.submit("first"));
            List<Future<String>> later = new ArrayList<>();
            // The writer holds the first item's transaction open: what arrives now waits for the next group.
            await(writingFirst);
            for (int i = 0; i < 10; i++) {
                String id = "later-" + i;
                later.add(callers.submit(() -> group.submit(id)));
            }
            awaitQueued(group, 10);
            release.countDown();
            assertEquals("first stored", first.get(10, TimeUnit.SECONDS));
            for (int i = 0; i < 10; i++) {
                assertEquals("later-" + i + " stored", later.get(i).get(10, TimeUnit.SECONDS));
                assertEquals(1, stored("later-" + i));
            }
            assertEquals(2, transactions.size(), "one transaction for the first, one for the ten that waited");
        }
    }

    @Test
    void an_item_that_fails_fails_alone_and_the_rest_of_its_group_is_written() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<String, String> group = oneByOne(Duration.ofSeconds(10),
                (h, id) -> {
                    if (id.equals("gate")) {
                        await(release);
                    }
                    if (id.equals("poison")) {
                        throw new IllegalStateException("cannot write poison");
                    }
                    h.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", id);
                    return id;
                })) {
            Future<String> gate = callers.submit(() -> group.submit("gate"));
            Thread.sleep(50);
            Future<String> a = callers.submit(() -> group.submit("a"));
            Future<String> poison = callers.submit(() -> group.submit("poison"));
            Future<String> b = callers.submit(() -> group.submit("b"));
            awaitQueued(group, 3);
            release.countDown();
            assertEquals("gate", gate.get(10, TimeUnit.SECONDS));
            assertEquals("a", a.get(10, TimeUnit.SECONDS));
            assertEquals("b", b.get(10, TimeUnit.SECONDS));
            var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> poison.get(10, TimeUnit.SECONDS));
            assertEquals("cannot write poison", failure.getCause().getMessage());
            assertEquals(1, stored("a"));
            assertEquals(1, stored("b"));
        }
    }

    @Test
    void a_caller_that_waits_too_long_is_told_the_store_is_unavailable_and_its_item_is_still_written()
            throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<String, String> group = oneByOne(Duration.ofMillis(100),
                (h, id) -> {
                    await(release);
                    h.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", id);
                    return id;
                })) {
            var refused = assertThrows(StoreUnavailableException.class, () -> group.submit("slow"));
            assertTrue(refused.getMessage().contains("within 100 ms"), refused.getMessage());
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (stored("slow") == 0 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertEquals(1, stored("slow"));
        }
    }

    @Test
    void a_closed_writer_writes_what_was_queued_and_refuses_the_rest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<String, String> group = oneByOne(Duration.ofSeconds(10),
                (h, id) -> {
                    await(release);
                    h.execute("INSERT INTO slack_delivery (event_id, received_at) VALUES (?, 0)", id);
                    return id;
                });
        Future<String> first = callers.submit(() -> group.submit("first"));
        Thread.sleep(50);
        Future<String> queued = callers.submit(() -> group.submit("queued"));
        awaitQueued(group, 1);
        callers.submit(() -> {
            Thread.sleep(50);
            release.countDown();
            return null;
        });
        group.close();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("queued", queued.get(10, TimeUnit.SECONDS));
        var refused = assertThrows(StoreUnavailableException.class, () -> group.submit("late"));
        assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
        assertEquals(0, stored("late"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
