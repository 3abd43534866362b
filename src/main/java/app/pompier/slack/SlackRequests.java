package app.pompier.slack;

import app.pompier.StoreUnavailableException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs one request from Slack through the Bolt {@link App}, whichever way it came (signed HTTP or Socket
 * Mode), and says what Slack should be answered: the listener's ack, "deliver it again later" when the store
 * failed (nothing was kept, or what was is idempotent), or "do not deliver it again" when a listener could
 * not make sense of it (it would fail the same way forever). Counts every request by type and outcome.
 */
public final class SlackRequests {
    private static final Logger log = LoggerFactory.getLogger(SlackRequests.class);

    /** What Slack should be told about one request. */
    public sealed interface Outcome {
        /** The listener acked: this is its answer (status, content type, body). */
        record Answered(Response response) implements Outcome {
        }

        /** The store failed: Slack is to deliver the request again (HTTP 503, or no Socket Mode ack). */
        record RetryLater() implements Outcome {
        }

        /** Handling failed for a reason a retry cannot mend: acked so that Slack stops delivering it. */
        record CannotHandle(String why) implements Outcome {
        }
    }

    private static final Duration[] ACK_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(3)};

    private final App app;
    private final MeterRegistry metrics;
    /** The meters by name, looked up once: building a meter's id on every request showed in the ack's allocations. */
    private final Map<String, Timer> ackTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, String> typeNames = new ConcurrentHashMap<>();

    public SlackRequests(App app, MeterRegistry metrics) {
        this.app = app;
        this.metrics = metrics;
    }

    public App app() {
        return app;
    }

    /**
     * Runs {@code request}, which came over {@code transport} ("http", "socket_mode") and reached Pompier at
     * {@code receivedNanos} ({@link System#nanoTime()}), so that the ack latency counts the time it queued.
     */
    public Outcome run(Request<?> request, String transport, long receivedNanos) {
        String type = typeOf(request);
        Outcome outcome;
        try {
            outcome = new Outcome.Answered(app.run(request));
        } catch (Exception e) {
            if (storeFailed(e)) {
                log.error("the store failed while handling a Slack {}; Slack will deliver it again", type, e);
                outcome = new Outcome.RetryLater();
            } else {
                log.error("a Slack {} could not be handled; acked so that Slack does not deliver it again", type, e);
                outcome = new Outcome.CannotHandle(e.toString());
            }
        }
        count(transport, type, outcomeName(outcome));
        ackTimers.computeIfAbsent(transport, t -> Timer.builder("pompier_slack_ack")
                        .description("Time from a Slack request's arrival to its ack")
                        .tag("transport", t)
                        // Buckets a team reads at a glance, up to Slack's 3 s (an ack later than that is lost).
                        .serviceLevelObjectives(ACK_BUCKETS)
                        .register(metrics))
                .record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
        return outcome;
    }

    /** A request refused before it reached Bolt: its type says why (bad_signature, unparsable). */
    public void refused(String transport, String reason) {
        count(transport, reason, "refused");
    }

    private void count(String transport, String type, String outcome) {
        counters.computeIfAbsent(transport + "\n" + type + "\n" + outcome, k -> Counter.builder("pompier_slack_requests")
                .description("Requests received from Slack, by transport, type and outcome")
                .tag("transport", transport).tag("type", type).tag("outcome", outcome)
                .register(metrics)).increment();
    }

    private static String outcomeName(Outcome outcome) {
        if (outcome instanceof Outcome.Answered a) {
            return a.response().getStatusCode() < 300 ? "acked" : "refused";
        }
        return outcome instanceof Outcome.RetryLater ? "retry_later" : "failed";
    }

    /** "event:message", "block_action", "command"…: few enough values to be a metric's label. */
    private String typeOf(Request<?> request) {
        String eventType = request instanceof EventRequest event ? event.getEventType() : null;
        String key = eventType == null ? request.getRequestType().name() : request.getRequestType().name() + ":" + eventType;
        return typeNames.computeIfAbsent(key, k -> {
            String type = request.getRequestType().name().replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toLowerCase(Locale.ROOT);
            return eventType == null ? type : type + ":" + eventType;
        });
    }

    /** The store could not be reached or refused a statement (the database's own error is among the causes). */
    private static boolean storeFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
