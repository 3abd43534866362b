package app.pompier.store;

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
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link Tickets} in the SQL database; uniqueness of messages and numbers is held by the schema. New tickets
 * are written in groups by one writer (see {@link GroupCommit}): intake is the hot path, at hundreds of
 * Slack events a second.
 */
public final class TicketsDatabaseRepository implements Tickets, AutoCloseable {
    /** Slack wants its ack within 3 s; past this, answering 503 lets it deliver the event again. */
    private static final Duration MAX_REGISTRATION_WAIT = Duration.ofMillis(2_500);

    /**
     * Taken by each intake group on PostgreSQL, so that groups of several replicas commit one after the other: two
     * groups holding one retried event each, in opposite orders, would otherwise wait for each other until the
     * server's deadlock detector fails one of them.
     */
    private static final String POSTGRES_INTAKE_TURN = "SELECT pg_advisory_xact_lock(" + DatabaseTurns.NAMESPACE
            + ", 1)";

    private final Jdbi jdbi;
    private final String owner;
    private final GroupCommit<Registering, Registration> registrations;

    private record Registering(IntakeRequest request, String prefix, Instant now) {
    }

    /** @param owner the replica whose claims on cards these are (see {@code POMPIER_INSTANCE}) */
    public TicketsDatabaseRepository(Database database, String owner) {
        this.jdbi = database.jdbi();
        this.owner = owner;
        String turn = database.dialect() == Database.Dialect.POSTGRESQL ? POSTGRES_INTAKE_TURN : null;
        this.registrations = new GroupCommit<>(jdbi, "pompier-intake-writer", MAX_REGISTRATION_WAIT, turn,
                (handle, r) -> register(handle.attach(TicketSql.class), r.request(), r.prefix(), r.now()));
    }

    @Override
    public Registration register(IntakeRequest request, String prefix, Instant now) {
        return registrations.submit(new Registering(request, prefix, now));
    }

    /** The common case costs four writes and an index lookup, and reads no row back. */
    private static Registration register(TicketSql sql, IntakeRequest request, String prefix, Instant now) {
        SourceMessage source = request.source();
        if (request.deliveryId() != null && sql.rememberDelivery(request.deliveryId(), now.toEpochMilli()) == 0) {
            return new Registration.DuplicateDelivery();
        }
        Optional<Long> existing = sql.keyBySource(source.workspace(), source.channel(), source.ts());
        if (existing.isPresent()) {
            return new Registration.AlreadyOpen(sql.byKey(existing.get()).orElseThrow());
        }
        long number = sql.nextNumber(source.workspace());
        TicketId id = new TicketId(prefix, number);
        Optional<Ticket> inserted = sql.insert(source.workspace(), number, id.toString(), source.channel(),
                source.ts(), source.threadTs(), request.reporter(), request.text(), request.via().code(),
                request.requestedBy(), now.toEpochMilli(), TicketState.NEW.code());
        if (inserted.isEmpty()) {
            // Another process inserted the same message between our lookup and our insert.
            return new Registration.AlreadyOpen(
                    sql.bySource(source.workspace(), source.channel(), source.ts()).orElseThrow());
        }
        sql.appendEvent(inserted.get().key(), now.toEpochMilli(), TimelineEntry.CREATED, request.requestedBy(),
                "opened from " + request.via().description());
        return new Registration.Opened(inserted.get());
    }

    /**
     * Runs intake's statements {@code times} over on made-up messages, in a transaction rolled back: nothing is
     * kept, but the first real events do not pay for loading and preparing them (see {@code SlackEndpoint.warmUp}).
     */
    public void warmUp(int times) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            Instant now = Instant.now();
            for (int i = 0; i < times; i++) {
                SourceMessage source = new SourceMessage("T0WARMUP", "C0WARMUP", "0." + i, null);
                register(sql, new IntakeRequest(source, "U0WARMUP", "warm-up", OpenedVia.MENTION,
                        "U0WARMUP", "EvWarmUp" + i), "WARM", now);
                sql.byKey(0);
            }
            handle.rollback();
        });
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
                sql -> sql.cardsDue(now.toEpochMilli(), ReplicaHeartbeat.deadBefore(now), owner, limit));
    }

    @Override
    public int claimCard(long key, Instant now, Instant leaseUntil) {
        // One statement, so no transaction: the card worker holds the one connection as briefly as it can.
        return jdbi.withExtension(TicketSql.class,
                sql -> sql.claimCard(key, now.toEpochMilli(), leaseUntil.toEpochMilli(), owner,
                        ReplicaHeartbeat.deadBefore(now)).orElse(0));
    }

    @Override
    public void completeSource(long key, String reporter, String text, String threadTs) {
        jdbi.useExtension(TicketSql.class, sql -> sql.completeSource(key, reporter, text, threadTs));
    }

    @Override
    public void cardPosted(long key, String cardTs, String permalink, Instant now) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.cardPosted(key, cardTs, permalink, now.toEpochMilli());
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.CARD_POSTED, null, cardTs);
        });
    }

    @Override
    public void relatedReplyPosted(long key, String ts, long incident, Instant now) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.relatedReplyPosted(key, ts, incident, now.toEpochMilli());
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.RELATED_REPLY_POSTED, null, ts);
        });
    }

    @Override
    public void cardFailed(long key, String error, Instant retryAt, Instant now) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.cardFailed(key, error, retryAt == null ? null : retryAt.toEpochMilli());
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.CARD_FAILED, null,
                    retryAt == null ? error + " (gave up)" : error + " (will retry)");
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
