package app.pompier.http;

import app.pompier.slack.SlackEndpoint;
import app.pompier.slack.SlackUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Pompier's HTTP face: Slack's request URL, the JSON API, the calendar feed, metrics, liveness and readiness.
 * Errors become status codes here only.
 */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Slack's payloads are small; anything larger is not from Slack. */
    public static final long MAX_BODY_BYTES = SlackEndpoint.MAX_BODY_BYTES;

    /** A named condition /readyz checks on every call. */
    public record ReadinessCheck(String name, BooleanSupplier ok) {
    }

    /** What serves requests once Pompier is wired; until then every request but /livez is told to wait. */
    private record Serving(SlackEndpoint slack, TicketApi api, OpsApi ops, MetricsEndpoint metrics,
                           Iterable<ReadinessCheck> readiness) {
    }

    /** How long /readyz waits for its checks: a balancer's probe must not hang on a store that does not answer. */
    static final java.time.Duration READINESS_BUDGET = java.time.Duration.ofMillis(1_500);

    private final Javalin javalin;
    private volatile Serving serving;
    /** Where /readyz's checks run, so that one stuck on the store times out instead of holding the probe. */
    private final java.util.concurrent.ExecutorService checks = new java.util.concurrent.ThreadPoolExecutor(2, 2, 1,
            java.util.concurrent.TimeUnit.MINUTES, new java.util.concurrent.ArrayBlockingQueue<>(32), r -> {
                Thread t = new Thread(r, "pompier-readiness");
                t.setDaemon(true);
                return t;
            });

    /**
     * Listens before Pompier is wired, so that start-up costs the longer of the two rather than their sum:
     * until {@link #serve} is called, /livez answers, /readyz says "starting", and everything else is
     * answered 503 (Slack delivers an event again later).
     */
    public HttpServer() {
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.routes.before("/slack/events", ctx -> {
                long length = ctx.req().getContentLengthLong();
                if (length > MAX_BODY_BYTES) {
                    throw new HttpResponseException(413, "request body over 1 MiB");
                }
            });
            config.routes.before(ctx -> {
                if (serving == null && !ctx.path().equals("/livez") && !ctx.path().equals("/readyz")) {
                    throw new HttpResponseException(503, "Pompier is starting; try again in a few seconds");
                }
            });
            config.routes.post("/slack/events", ctx -> {
                if (serving.slack() == null) {
                    throw new HttpResponseException(404, "Pompier receives Slack's requests over Socket Mode"
                            + " (SLACK_APP_TOKEN is set) and has no SLACK_SIGNING_SECRET to check requests sent here;"
                            + " set it to serve /slack/events as well");
                }
                serving.slack().handle(ctx);
            });
            config.routes.get("/metrics", ctx -> serving.metrics().scrape(ctx));
            config.routes.get("/api/tickets", ctx -> serving.api().list(ctx));
            config.routes.get("/api/tickets/{id}", ctx -> serving.api().one(ctx));
            config.routes.get("/api/stats", ctx -> serving.api().stats(ctx));
            config.routes.post("/api/ops/maintenances", ctx -> serving.ops().declareMaintenance(ctx));
            config.routes.post("/api/ops/operations", ctx -> serving.ops().declareOperation(ctx));
            config.routes.get("/ops/calendar.ics", ctx -> serving.ops().feed(ctx));
            config.routes.get("/livez", ctx -> ctx.json(Map.of("status", "alive")));
            config.routes.get("/readyz", ctx -> {
                Serving now = serving;
                if (now == null) {
                    ctx.status(503).json(Map.of("status", "starting", "checks", Map.of()));
                    return;
                }
                Map<String, String> results = new LinkedHashMap<>();
                boolean ready = true;
                long deadline = System.nanoTime() + READINESS_BUDGET.toNanos();
                Map<String, java.util.concurrent.Future<Boolean>> running = new LinkedHashMap<>();
                for (ReadinessCheck check : now.readiness()) {
                    try {
                        running.put(check.name(), checks.submit(() -> safely(check.ok())));
                    } catch (java.util.concurrent.RejectedExecutionException stuck) {
                        // Earlier probes' checks still hang on the store: this one has no answer either.
                        running.put(check.name(), java.util.concurrent.CompletableFuture.completedFuture(false));
                    }
                }
                for (var check : running.entrySet()) {
                    String result = answer(check.getValue(), deadline);
                    ready &= result.equals("ok");
                    results.put(check.getKey(), result);
                }
                ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "not ready", "checks", results));
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            // Slack checks what a request names (an owner); when it cannot be asked, the request is to be sent again.
            config.routes.exception(SlackUnavailableException.class, (e, ctx) -> {
                log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.status(503).header("Retry-After", "60").json(Map.of("error", "Slack did not answer "
                        + e.method() + ", which checks what this request names; nothing was recorded, try again"
                        + " in a minute"));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error; see Pompier's log"));
            });
        });
    }

    /**
     * Pompier is wired: requests are served from now on. {@code slack} is null when Slack's requests come over
     * Socket Mode only.
     */
    public void serve(SlackEndpoint slack, TicketApi api, OpsApi ops, MetricsEndpoint metrics,
                      Iterable<ReadinessCheck> readiness) {
        this.serving = new Serving(slack, api, ops, metrics, readiness);
    }

    /** "ok", "failing", or "no answer" for a check still running at {@code deadline} (it is cancelled). */
    private static String answer(java.util.concurrent.Future<Boolean> check, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)
                    ? "ok" : "failing";
        } catch (java.util.concurrent.TimeoutException e) {
            check.cancel(true);
            return "no answer";
        } catch (java.util.concurrent.ExecutionException e) {
            return "failing";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failing";
        }
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public HttpServer start(int port) {
        javalin.start(port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    public void stop() {
        javalin.stop();
        checks.shutdownNow();
    }
}
