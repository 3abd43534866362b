package app.pompier.testing;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Tickets kept in memory, for domain tests that need a few tickets and their timelines without a database.
 * What the domain tests here do not use fails loudly, so that a test never passes on a silent no-op.
 */
public final class InMemoryTickets implements Tickets {
    private final Map<Long, Ticket> tickets = new ConcurrentHashMap<>();
    private final Map<Long, List<TimelineEntry>> timelines = new ConcurrentHashMap<>();

    /** A ticket as intake and qualification leave it: {@code INC-<key>} in channel C0SUPPORT, thread ts(key). */
    public Ticket add(long key, String reporter, String text, Instant createdAt, UnaryOperator<TicketBuilder> shape) {
        Ticket t = shape.apply(new TicketBuilder(key, reporter, text, createdAt)).build();
        tickets.put(key, t);
        return t;
    }

    public void put(Ticket ticket) {
        tickets.put(ticket.key(), ticket);
    }

    /** A ticket's fields, changed one at a time. */
    public static final class TicketBuilder {
        private final long key;
        private final String reporter;
        private final String text;
        private final Instant createdAt;
        private TicketState state = TicketState.QUALIFIED;
        private Priority priority = Priority.P1;
        private boolean confirmed = true;
        private String assignee;
        private Instant takenAt;
        private Instant slaStartedAt;
        private Instant resolvedAt;
        private String permalink;

        TicketBuilder(long key, String reporter, String text, Instant createdAt) {
            this.key = key;
            this.reporter = reporter;
            this.text = text;
            this.createdAt = createdAt;
            this.slaStartedAt = createdAt;
            this.permalink = "https://pompier-test.slack.com/archives/C0SUPPORT/p" + key;
        }

        public TicketBuilder state(TicketState s) {
            state = s;
            return this;
        }

        public TicketBuilder priority(Priority p, boolean isConfirmed) {
            priority = p;
            confirmed = isConfirmed;
            return this;
        }

        public TicketBuilder assignee(String user, Instant at) {
            assignee = user;
            takenAt = at;
            return this;
        }

        public TicketBuilder resolvedAt(Instant at) {
            resolvedAt = at;
            return this;
        }

        public TicketBuilder permalink(String link) {
            permalink = link;
            return this;
        }

        Ticket build() {
            return new Ticket(key, new TicketId("INC", key), new SourceMessage("T0TEAM001", "C0SUPPORT",
                    "1800000000." + String.format("%06d", key), null), reporter, text, permalink,
                    OpenedVia.WATCHED_CHANNEL, reporter, createdAt, state, priority, "1800000001.000001", null, priority,
                    confirmed, "by impact", 1, assignee, takenAt, slaStartedAt, resolvedAt, null, null,
                    createdAt, null);
        }
    }

    @Override
    public Optional<Ticket> byKey(long key) {
        return Optional.ofNullable(tickets.get(key));
    }

    @Override
    public Optional<Ticket> byId(String workspace, TicketId id) {
        return tickets.values().stream().filter(t -> t.id().equals(id) && t.source().workspace().equals(workspace))
                .findFirst();
    }

    @Override
    public List<TimelineEntry> timeline(long key) {
        return List.copyOf(timelines.getOrDefault(key, List.of()));
    }

    @Override
    public void append(long key, TimelineEntry entry) {
        timelines.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
    }

    private static AssertionError unused() {
        return new AssertionError("this in-memory store does not do that; use RunningPompier for it");
    }

    @Override
    public Registration register(IntakeRequest request, String prefix, Instant now) {
        throw unused();
    }

    @Override
    public Optional<Ticket> bySource(SourceMessage source) {
        throw unused();
    }

    @Override
    public List<CardDue> cardsDue(Instant now, int limit) {
        throw unused();
    }

    @Override
    public int claimCard(long key, Instant now, Instant leaseUntil) {
        throw unused();
    }

    @Override
    public void completeSource(long key, String reporter, String text, String threadTs) {
        throw unused();
    }

    @Override
    public boolean cardPosted(long key, int attempt, String cardTs, String permalink, Instant now) {
        throw unused();
    }

    @Override
    public void releaseCard(long key, int attempt, Instant at) {
        throw unused();
    }

    @Override
    public boolean cardFailed(long key, int attempt, String error, Instant retryAt, Instant now) {
        throw unused();
    }

    @Override
    public boolean relatedReplyPosted(long key, int attempt, String ts, long incident, Instant now) {
        throw unused();
    }

    @Override
    public Optional<Ticket> giveTo(long key, TicketState from, boolean onlyIfUnassigned, String assignee,
                                   TicketState to, Instant takenAt, TimelineEntry entry) {
        throw unused();
    }

    @Override
    public Optional<Ticket> changeState(long key, TicketState from, TicketState to, Instant resolvedAt,
                                        ReporterWait wait, TimelineEntry entry) {
        throw unused();
    }

    @Override
    public Optional<Ticket> setPriority(long key, Priority priority, boolean confirmed, String reason,
                                        TimelineEntry entry) {
        throw unused();
    }

    @Override
    public List<Ticket> queue(String workspace, int limit) {
        throw unused();
    }

    @Override
    public void setCategory(long key, Category category, TimelineEntry entry) {
        throw unused();
    }

    @Override
    public int releaseCardClaims(Instant now) {
        throw unused();
    }

    @Override
    public int forgetDeliveriesBefore(Instant before) {
        throw unused();
    }
}
