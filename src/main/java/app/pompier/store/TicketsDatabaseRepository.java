package app.pompier.store;

import app.pompier.StoreUnavailableException;
import app.pompier.ticket.Category;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Registration;
import app.pompier.ticket.ReporterWait;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import app.pompier.ticket.TimelineEntry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link Tickets} in the SQL database; uniqueness of messages and numbers is held by the schema. New tickets
 * are written in groups by one writer (see {@link GroupCommit}): intake is the hot path, at hundreds of
 * Slack events a second.
 *
 * <p>On a database replicas share, intake never waits on another replica, whatever state the other is in (working,
 * dead, frozen with a transaction open): ticket numbers are taken in a statement of their own, which holds the
 * sequence's row for its own instant only; and an event or a message another replica is recording at the same time
 * (delivered to both: Slack's retry of an event the other did not ack) is found by a lock tried without waiting, each
 * writer taking one per event id and per message in its transaction. That one event is answered "retry" at once and
 * Slack delivers it again; the rest of its group is recorded. Should a row be held all the same, it is waited for
 * {@link #POSTGRES_LOCK_WAIT} at most.
 */
public final class TicketsDatabaseRepository implements Tickets, AutoCloseable {
    /** Slack wants its ack within 3 s; past this, answering 503 lets it deliver the event again. */
    private static final Duration MAX_REGISTRATION_WAIT = Duration.ofMillis(2_500);
    /** The longest wait of intake for a row another replica is writing: a fraction of Slack's 3 s. */
    static final Duration POSTGRES_LOCK_WAIT = Duration.ofMillis(250);
    private static final Set<String> HELD_ELSEWHERE = Set.of("55P03", "40P01");
    private static final String RECORDING_ELSEWHERE = "another replica is recording this very event or message and"
            + " has not finished; Slack delivers it again";

    private final Jdbi jdbi;
    private final String owner;
    private final boolean shared;
    private final GroupCommit<Registering, Recorded> registrations;

    private record Registering(IntakeRequest request, String prefix, Instant now) {
    }

    /** What the writer did with one request: its registration, or null when another replica is recording it. */
    private record Recorded(Registration registration) {
        static final Recorded HELD_ELSEWHERE = new Recorded(null);
    }

    /** @param owner the replica whose claims on cards these are (see {@code POMPIER_INSTANCE}) */
    public TicketsDatabaseRepository(Database database, String owner) {
        this.jdbi = database.jdbi();
        this.owner = owner;
        this.shared = database.dialect() == Database.Dialect.POSTGRESQL;
        // Numbers are taken in the group's transaction on SQLite, in a statement of their own on PostgreSQL.
        Jdbi numbers = shared ? database.coordinationJdbi() : null;
        this.registrations = GroupCommit.inGroups(jdbi, "pompier-intake-writer", MAX_REGISTRATION_WAIT,
                // Intake's statements look rows up by a unique key: their generic plan is the right one, and
                // planning each execution again (the session's force_custom_plan, meant for the sweeps' range
                // queries) is work the writer's one connection does on every statement.
                shared ? h -> h.execute("SET LOCAL lock_timeout = '" + POSTGRES_LOCK_WAIT.toMillis() + "ms';"
                        + " SET LOCAL plan_cache_mode = auto") : null,
                (handle, group) -> register(handle, group, shared, numbers));
    }

    @Override
    public Registration register(IntakeRequest request, String prefix, Instant now) {
        Recorded recorded = registrations.submit(new Registering(request, prefix, now));
        if (recorded.registration() == null) {
            throw new StoreUnavailableException(RECORDING_ELSEWHERE);
        }
        return recorded.registration();
    }

    /**
     * Records a group: the delivery ids first (in the order of their ids, so that two replicas writing the same
     * retried events take their rows in one order), then the messages already known, then one number per new ticket
     * of each workspace, then the new tickets in order of arrival. The common case costs four writes per event and an
     * index lookup, and reads no row back.
     *
     * @param shared  whether other replicas write to the database too (their events are looked for first)
     * @param numbers where numbers are taken, outside the group's transaction; null to take them inside it
     * @throws GroupCommit.ItemFailed when another replica's unfinished write holds the row of one event
     */
    private static List<Recorded> register(Handle handle, List<Registering> group, boolean shared, Jdbi numbers) {
        try (IntakeWrites sql = new IntakeWrites(handle, shared)) {
            return register(handle, sql, group, shared, numbers);
        }
    }

    private static List<Recorded> register(Handle handle, IntakeWrites sql, List<Registering> group, boolean shared,
                                           Jdbi numbers) {
        Recorded[] answers = new Recorded[group.size()];
        if (shared) {
            heldElsewhere(handle, group, answers);
        }
        List<Integer> byDelivery = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (answers[i] == null && group.get(i).request().deliveryId() != null) {
                byDelivery.add(i);
            }
        }
        byDelivery.sort(Comparator.comparing(i -> group.get(i).request().deliveryId()));
        if (!byDelivery.isEmpty()) {
            Set<String> fresh = inPlay(answers, () -> sql.rememberDeliveries(
                    byDelivery.stream().map(i -> group.get(i).request().deliveryId()).toList(),
                    byDelivery.stream().map(i -> group.get(i).now().toEpochMilli()).toList()));
            Set<String> taken = new HashSet<>();
            for (int i : byDelivery) {
                String id = group.get(i).request().deliveryId();
                // Slack's retry of an event still in this very group is a duplicate too.
                if (!fresh.contains(id) || !taken.add(id)) {
                    answers[i] = new Recorded(new Registration.DuplicateDelivery());
                }
            }
        }
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (answers[i] == null) {
                open.add(i);
            }
        }
        if (open.isEmpty()) {
            return List.of(answers);
        }
        Map<String, Long> existing = inPlay(answers, () -> sql.keysBySource(
                open.stream().map(i -> group.get(i).request().source()).toList()));
        Map<String, Integer> newPerWorkspace = new LinkedHashMap<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i : open) {
            SourceMessage source = group.get(i).request().source();
            Long key = existing.get(IntakeWrites.key(source));
            if (key != null) {
                answers[i] = new Recorded(new Registration.AlreadyOpen(
                        handle.attach(TicketSql.class).byKey(key).orElseThrow()));
            } else {
                newPerWorkspace.merge(source.workspace(), 1, Integer::sum);
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return List.of(answers);
        }
        Map<String, Long> next = new HashMap<>();
        newPerWorkspace.forEach((workspace, count) -> {
            long last = numbers == null ? IntakeWrites.nextNumbers(handle, workspace, count)
                    : numbers.withHandle(own -> IntakeWrites.nextNumbers(own, workspace, count));
            next.put(workspace, last - count + 1);
        });
        List<IntakeWrites.NewTicket> tickets = new ArrayList<>(fresh.size());
        for (int i : fresh) {
            Registering r = group.get(i);
            IntakeRequest request = r.request();
            SourceMessage source = request.source();
            long number = next.merge(source.workspace(), 1L, Long::sum) - 1;
            tickets.add(new IntakeWrites.NewTicket(source, number, new TicketId(r.prefix(), number).toString(),
                    request.reporter(), request.text(), request.via().code(), request.requestedBy(),
                    r.now().toEpochMilli(), TicketState.NEW.code()));
        }
        Map<String, Ticket> inserted = inPlay(answers, () -> sql.insertTickets(tickets));
        List<IntakeWrites.Event> created = new ArrayList<>();
        Set<String> opened = new HashSet<>();
        for (int i : fresh) {
            IntakeRequest request = group.get(i).request();
            String key = IntakeWrites.key(request.source());
            Ticket ticket = inserted.get(key);
            if (ticket == null || !opened.add(key)) {
                // Another writer inserted the same message between the look-up and the insert, or it came twice in
                // this group: it is that ticket, and this one's number is skipped.
                answers[i] = new Recorded(new Registration.AlreadyOpen(ticket != null ? ticket
                        : handle.attach(TicketSql.class).bySource(request.source().workspace(),
                                request.source().channel(), request.source().ts()).orElseThrow()));
            } else {
                answers[i] = new Recorded(new Registration.Opened(ticket));
                created.add(new IntakeWrites.Event(ticket.key(), group.get(i).now().toEpochMilli(),
                        TimelineEntry.CREATED, request.requestedBy(), "opened from " + request.via().description()));
            }
        }
        inPlay(answers, () -> {
            sql.appendEvents(created);
            return null;
        });
        return List.of(answers);
    }

    /**
     * One statement for the events of the group still unanswered. A row another replica's unfinished write holds fails
     * the statement: when a single event is in play it is that one's (it alone is answered "retry"); otherwise the
     * group fails and {@link GroupCommit} writes each event alone, which finds it.
     */
    private static <T> T inPlay(Recorded[] answers, Supplier<T> statement) {
        int single = -1;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == null || answers[i].registration() instanceof Registration.Opened) {
                if (single != -1) {
                    return statement.get();
                }
                single = i;
            }
        }
        return single == -1 ? statement.get() : item(single, statement);
    }

    /**
     * Takes, without waiting, this transaction's lock of each event id and each message of the group; an event whose
     * lock another replica's transaction holds (it is recording it right now, maybe frozen) is answered at once with
     * {@link Recorded#HELD_ELSEWHERE} in {@code answers}: Slack delivers it again. One statement for the group.
     */
    private static void heldElsewhere(Handle handle, List<Registering> group, Recorded[] answers) {
        List<Long> keys = new ArrayList<>(group.size() * 2);
        List<Integer> of = new ArrayList<>(group.size() * 2);
        for (int i = 0; i < group.size(); i++) {
            Registering r = group.get(i);
            SourceMessage source = r.request().source();
            // A shortcut has no delivery id: its message is what two deliveries would share.
            if (r.request().deliveryId() != null) {
                keys.add(lockKey("delivery:" + r.request().deliveryId()));
                of.add(i);
            }
            keys.add(lockKey("message:" + source.workspace() + "/" + source.channel() + "/" + source.ts()));
            of.add(i);
        }
        List<Boolean> taken = handle.createQuery("SELECT pg_try_advisory_xact_lock(k)"
                        + " FROM unnest(:keys) WITH ORDINALITY AS t(k, n) ORDER BY n")
                .bindArray("keys", Long.class, keys).mapTo(Boolean.class).list();
        for (int k = 0; k < taken.size(); k++) {
            if (!taken.get(k)) {
                answers[of.get(k)] = Recorded.HELD_ELSEWHERE;
            }
        }
    }

    /** A 64-bit lock key for {@code name} (FNV-1a): two distinct events share one by chance once in 10^19. */
    static long lockKey(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ("pompier:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** One item's statement; a row another replica's unfinished write holds fails that item alone. */
    private static <T> T item(int index, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            String state = Database.sqlState(e);
            if (state != null && HELD_ELSEWHERE.contains(state)) {
                throw new GroupCommit.ItemFailed(index, new StoreUnavailableException(RECORDING_ELSEWHERE, e));
            }
            throw e;
        }
    }

    /**
     * Runs intake's statements {@code times} over on made-up messages, in a transaction rolled back: nothing is
     * kept, but the first real events do not pay for loading and preparing them (see {@code SlackEndpoint.warmUp}).
     */
    public void warmUp(int times) {
        jdbi.useTransaction(handle -> {
            Instant now = Instant.now();
            List<Registering> group = new ArrayList<>(times);
            for (int i = 0; i < times; i++) {
                SourceMessage source = new SourceMessage("T0WARMUP", "C0WARMUP", "0." + i, null);
                group.add(new Registering(new IntakeRequest(source, "U0WARMUP", "warm-up", OpenedVia.MENTION,
                        "U0WARMUP", "EvWarmUp" + i), "WARM", now));
            }
            // The numbers too are taken in the transaction rolled back: nothing of the warm-up stays.
            register(handle, group, shared, null);
            handle.attach(TicketSql.class).byKey(0);
            handle.rollback();
        });
    }

    /** Whether intake can record: its writer runs and the oldest event waiting has waited less than a second. */
    public boolean intakeWriting() {
        return registrations.writing() && registrations.oldestWait().compareTo(Duration.ofSeconds(1)) < 0;
    }

    /** Writes the registrations already queued, then takes no more. */
    @Override
    public void close() {
        registrations.close();
    }

    @Override
    public Optional<Ticket> byKey(long key) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.byKey(key));
    }

    @Override
    public Optional<Ticket> byId(String workspace, TicketId id) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.byNumber(workspace, id.number()));
    }

    @Override
    public Optional<Ticket> bySource(SourceMessage source) {
        return jdbi.withExtension(TicketSql.class,
                sql -> sql.bySource(source.workspace(), source.channel(), source.ts()));
    }

    @Override
    public List<TimelineEntry> timeline(long key) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.timeline(key));
    }

    @Override
    public void append(long key, TimelineEntry entry) {
        jdbi.useExtension(TicketSql.class, sql -> append(sql, key, entry));
    }

    @Override
    public List<CardDue> cardsDue(Instant now, int limit) {
        return jdbi.withExtension(TicketSql.class,
                sql -> sql.cardsDue(now.toEpochMilli(), owner, limit));
    }

    @Override
    public int claimCard(long key, Instant now, Instant leaseUntil) {
        // One statement, so no transaction: the card worker holds the one connection as briefly as it can.
        return jdbi.withExtension(TicketSql.class,
                sql -> sql.claimCard(key, now.toEpochMilli(), leaseUntil.toEpochMilli(), owner).orElse(0));
    }

    @Override
    public void completeSource(long key, String reporter, String text, String threadTs) {
        jdbi.useExtension(TicketSql.class, sql -> sql.completeSource(key, reporter, text, threadTs));
    }

    @Override
    public boolean cardPosted(long key, int attempt, String cardTs, String permalink, Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.cardPosted(key, cardTs, permalink, now.toEpochMilli(), owner, attempt) == 0) {
                return false;
            }
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.CARD_POSTED, null, cardTs);
            return true;
        });
    }

    @Override
    public boolean relatedReplyPosted(long key, int attempt, String ts, long incident, Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.relatedReplyPosted(key, ts, incident, now.toEpochMilli(), owner, attempt) == 0) {
                return false;
            }
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.RELATED_REPLY_POSTED, null, ts);
            return true;
        });
    }

    @Override
    public void releaseCard(long key, int attempt, Instant at) {
        jdbi.useExtension(TicketSql.class, sql -> sql.releaseCard(key, at.toEpochMilli(), owner, attempt));
    }

    @Override
    public boolean cardFailed(long key, int attempt, String error, Instant retryAt, Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.cardFailed(key, error, retryAt == null ? null : retryAt.toEpochMilli(), owner, attempt) == 0) {
                return false;
            }
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.CARD_FAILED, null,
                    retryAt == null ? error + " (gave up)" : error + " (will retry)");
            return true;
        });
    }

    @Override
    public Optional<Ticket> giveTo(long key, TicketState from, boolean onlyIfUnassigned, String assignee,
                                   TicketState to, Instant takenAt, TimelineEntry entry) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.giveTo(key, from.code(), onlyIfUnassigned ? 1 : 0, assignee, to.code(), takenAt.toEpochMilli()) == 0) {
                return Optional.<Ticket>empty();
            }
            append(sql, key, entry);
            return sql.byKey(key);
        });
    }

    @Override
    public Optional<Ticket> changeState(long key, TicketState from, TicketState to, Instant resolvedAt,
                                        ReporterWait wait, TimelineEntry entry) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.changeState(key, from.code(), to.code(), resolvedAt == null ? null : resolvedAt.toEpochMilli()) == 0) {
                return Optional.<Ticket>empty();
            }
            persist(sql, key, wait, entry.at());
            append(sql, key, entry);
            return sql.byKey(key);
        });
    }

    /** Opens or ends the ticket's wait on its reporter, as the change decided. */
    static void persist(TicketSql sql, long key, ReporterWait wait, Instant at) {
        if (wait instanceof ReporterWait.Opens opens) {
            sql.startWait(key, opens.reason(), at.toEpochMilli());
        } else if (wait instanceof ReporterWait.Ends) {
            sql.endWait(key, at.toEpochMilli());
        }
    }

    private static void append(TicketSql sql, long key, TimelineEntry e) {
        sql.appendEvent(key, e.at().toEpochMilli(), e.kind(), e.actor(), e.detail());
    }

    @Override
    public Optional<Ticket> setPriority(long key, Priority priority, boolean confirmed, String reason,
                                        TimelineEntry entry) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.setPriority(key, priority.name(), confirmed ? 1 : 0, reason) == 0) {
                return Optional.<Ticket>empty();
            }
            append(sql, key, entry);
            return sql.byKey(key);
        });
    }

    @Override
    public List<Ticket> queue(String workspace, int limit) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.queue(workspace, limit));
    }

    @Override
    public void setCategory(long key, Category category, TimelineEntry entry) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.setCategory(key, category.code());
            append(sql, key, entry);
        });
    }

    @Override
    public int releaseCardClaims(Instant now) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.releaseCardClaims(now.toEpochMilli(), owner));
    }

    @Override
    public int forgetDeliveriesBefore(Instant before) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.forgetDeliveriesBefore(before.toEpochMilli()));
    }
}
