package app.pompier;

import app.pompier.store.OperationalFigures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code /metrics} serves: the counters and timers the adapters keep (Slack requests and calls, reminders,
 * the pool), the JVM's figures, and gauges read from the store at each scrape (open tickets, the card outbox,
 * crisis cells, overdue SLA goals), so that every replica reports the same shared state.
 */
public final class PompierMetrics {
    private static final Logger log = LoggerFactory.getLogger(PompierMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final OperationalFigures figures;
    private final Clock clock;
    private final MultiGauge openTickets;
    private final MultiGauge crisisCells;
    private final MultiGauge slaOverdue;
    private final AtomicLong cardBacklog = new AtomicLong();
    private final AtomicLong cardsUnposted = new AtomicLong();
    private final AtomicLong oldestUnpostedSeconds = new AtomicLong();
    private final AtomicLong relatedNewsOwed = new AtomicLong();
    private final AtomicLong oldestNewsOwedSeconds = new AtomicLong();
    private final AtomicLong relatedReportsOpen = new AtomicLong();

    @SuppressWarnings("resource") // JvmGcMetrics lives as long as the registry
    public PompierMetrics(PrometheusMeterRegistry registry, OperationalFigures figures, Clock clock) {
        this.registry = registry;
        this.figures = figures;
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        openTickets = MultiGauge.builder("pompier_tickets_open")
                .description("Open tickets (not resolved or closed), by state and priority").register(registry);
        crisisCells = MultiGauge.builder("pompier_crisis_cells")
                .description("Crisis cells by state (opening: waiting for Slack; open; closed…)").register(registry);
        slaOverdue = MultiGauge.builder("pompier_sla_overdue")
                .description("SLA goals of open tickets past their deadline, by goal").register(registry);
        Gauge.builder("pompier_card_outbox_backlog", cardBacklog, AtomicLong::get)
                .description("Ticket cards due to be posted or redrawn in Slack").register(registry);
        Gauge.builder("pompier_card_outbox_unposted", cardsUnposted, AtomicLong::get)
                .description("Tickets whose first card is not in Slack yet").register(registry);
        Gauge.builder("pompier_card_outbox_oldest_unposted_seconds", oldestUnpostedSeconds, AtomicLong::get)
                .description("How long the oldest ticket without a card has waited for it").register(registry);
        Gauge.builder("pompier_related_reports_open", relatedReportsOpen, AtomicLong::get)
                .description("Open reports grouped into an incident (a mass outage) instead of tickets of their own")
                .register(registry);
        Gauge.builder("pompier_related_news_owed", relatedNewsOwed, AtomicLong::get)
                .description("Related reporters still owed an incident's status update or resolution")
                .register(registry);
        Gauge.builder("pompier_related_news_oldest_owed_seconds", oldestNewsOwedSeconds, AtomicLong::get)
                .description("How long the news owed longest to a related reporter has waited").register(registry);
    }

    /** Reads the store's figures, then renders everything in Prometheus' text format. */
    public String scrape() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The store's gauges keep their last values; the rest of the scrape still tells what happens.
            log.warn("could not read the store's figures for /metrics: {}", e.toString());
        }
        return registry.scrape();
    }

    private void refresh() {
        openTickets.register(figures.openTickets().stream()
                .map(t -> MultiGauge.Row.of(Tags.of("state", t.state(),
                        "priority", t.priority() == null ? "none" : t.priority().toLowerCase(Locale.ROOT)), t.count()))
                .toList(), true);
        crisisCells.register(rows("state", figures.crisisCells()), true);
        slaOverdue.register(rows("goal", figures.slaOverdue(clock.instant())), true);
        OperationalFigures.CardBacklog backlog = figures.cardBacklog();
        cardBacklog.set(backlog.count());
        cardsUnposted.set(backlog.unposted());
        oldestUnpostedSeconds.set(backlog.oldestUnpostedSince() == null ? 0
                : Math.max(0, Duration.between(backlog.oldestUnpostedSince(), clock.instant()).toSeconds()));
        OperationalFigures.NewsOwed news = figures.relatedNews();
        relatedReportsOpen.set(news.openReports());
        relatedNewsOwed.set(news.owed());
        oldestNewsOwedSeconds.set(news.oldestSince() == null ? 0
                : Math.max(0, Duration.between(news.oldestSince(), clock.instant()).toSeconds()));
    }

    private static List<MultiGauge.Row<?>> rows(String tag, List<OperationalFigures.Count> counts) {
        return counts.stream().<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(Tags.of(tag, c.key()), c.count()))
                .toList();
    }
}
