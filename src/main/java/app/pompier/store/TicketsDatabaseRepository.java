package app.pompier.store;

import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Registration;
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

    private final Jdbi jdbi;
    private final GroupCommit<Registering, Registration> registrations;

    private record Registering(IntakeRequest request, String prefix, Instant now) {
    }

    public TicketsDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.registrations = new GroupCommit<>(jdbi, "pompier-intake-writer", MAX_REGISTRATION_WAIT,
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
        jdbi.useExtension(TicketSql.class,
                sql -> sql.appendEvent(key, entry.at().toEpochMilli(), entry.kind(), entry.actor(), entry.detail()));
    }

    @Override
    public List<Long> cardsDue(Instant now, int limit) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.cardsDue(now.toEpochMilli(), limit));
    }

    @Override
    public int claimCard(long key, Instant now, Instant leaseUntil) {
        // One statement, so no transaction: the card worker holds the one connection as briefly as it can.
        return jdbi.withExtension(TicketSql.class,
                sql -> sql.claimCard(key, now.toEpochMilli(), leaseUntil.toEpochMilli()).orElse(0));
    }

    @Override
    public void completeSource(long key, String reporter, String text, String threadTs) {
        jdbi.useExtension(TicketSql.class, sql -> sql.completeSource(key, reporter, text, threadTs));
    }

    @Override
    public void cardPosted(long key, String cardTs, String permalink, Instant now) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.cardPosted(key, cardTs, permalink);
            sql.appendEvent(key, now.toEpochMilli(), TimelineEntry.CARD_POSTED, null, cardTs);
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
    public Optional<Ticket> take(long key, String assignee, Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            String stateBefore = sql.byKey(key).map(t -> t.state().code()).orElse("?");
            if (sql.take(key, assignee, now.toEpochMilli()) == 0) {
                return Optional.empty();
            }
            Ticket taken = sql.byKey(key).orElseThrow();
            sql.appendEvent(key, now.toEpochMilli(), "taken", assignee, stateBefore.equals(taken.state().code())
                    ? "assigned" : stateBefore + " -> " + taken.state().code());
            return Optional.of(taken);
        });
    }

    @Override
    public Optional<Ticket> changeState(long key, TicketState from, TicketState to, String by, String why,
                                        Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            long at = now.toEpochMilli();
            if (sql.changeState(key, from.code(), to.code(), at) == 0) {
                return Optional.empty();
            }
            if (to == TicketState.WAITING) {
                sql.startWait(key, "waiting", at);
            } else if (from == TicketState.WAITING || from == TicketState.NEEDS_INFO) {
                sql.endWait(key, at);
            }
            sql.appendEvent(key, at, "state", by, from.code() + " -> " + to.code() + (why == null ? "" : "; " + why));
            return sql.byKey(key);
        });
    }

    @Override
    public Optional<Ticket> setPriority(long key, Priority priority, boolean confirmed, String reason, String by,
                                       Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            Optional<Ticket> before = sql.byKey(key);
            if (before.isEmpty() || sql.setPriority(key, priority.name(), confirmed ? 1 : 0, reason) == 0) {
                return Optional.<Ticket>empty();
            }
            sql.appendEvent(key, now.toEpochMilli(), "priority", by, (before.get().priority() == null ? "unknown"
                    : before.get().priority().name()) + " -> " + priority + "; " + reason);
            return sql.byKey(key);
        });
    }

    @Override
    public Optional<Ticket> assign(long key, String assignee, String by, Instant now) {
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            if (sql.assign(key, assignee, now.toEpochMilli()) == 0) {
                return Optional.<Ticket>empty();
            }
            sql.appendEvent(key, now.toEpochMilli(), "assigned", by, assignee);
            return sql.byKey(key);
        });
    }

    @Override
    public List<Ticket> queue(String workspace, int limit) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.queue(workspace, limit));
    }

    @Override
    public void setCategory(long key, String category, String by, Instant now) {
        jdbi.useTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            sql.setCategory(key, category);
            sql.appendEvent(key, now.toEpochMilli(), "category", by, category);
        });
    }

    @Override
    public String nextInRotation(String team, List<String> members) {
        // IMMEDIATE transactions serialise this read-then-write: two routings never pick the same person.
        return jdbi.inTransaction(handle -> {
            TicketSql sql = handle.attach(TicketSql.class);
            int last = sql.lastInRotation(team).map(members::indexOf).orElse(-1);
            String next = members.get((last + 1) % members.size());
            sql.rotate(team, next);
            return next;
        });
    }

    @Override
    public int releaseCardClaims(Instant now) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.releaseCardClaims(now.toEpochMilli()));
    }

    @Override
    public int forgetDeliveriesBefore(Instant before) {
        return jdbi.withExtension(TicketSql.class, sql -> sql.forgetDeliveriesBefore(before.toEpochMilli()));
    }
}
