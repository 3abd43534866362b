package app.pompier.http;

import app.pompier.slack.SlackEndpoint;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Pompier's HTTP face: Slack's request URL, liveness and readiness. Errors become status codes here only. */
public final class HttpServer {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Slack's payloads are small; anything larger is not from Slack. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /** A named condition /readyz checks on every call. */
    public record ReadinessCheck(String name, BooleanSupplier ok) {
    }

    private final Javalin javalin;

    public HttpServer(SlackEndpoint slack, TicketApi api, OpsApi ops, Iterable<ReadinessCheck> readiness) {
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
            config.routes.post("/slack/events", slack::handle);
            config.routes.get("/api/tickets", api::list);
            config.routes.get("/api/tickets/{id}", api::one);
            config.routes.get("/api/stats", api::stats);
            config.routes.post("/api/ops/maintenances", ops::declareMaintenance);
            config.routes.post("/api/ops/operations", ops::declareOperation);
            config.routes.get("/ops/calendar.ics", ops::feed);
            config.routes.get("/livez", ctx -> ctx.json(Map.of("status", "alive")));
            config.routes.get("/readyz", ctx -> {
                Map<String, String> checks = new LinkedHashMap<>();
                boolean ready = true;
                for (ReadinessCheck check : readiness) {
                    boolean ok = safely(check.ok());
                    ready &= ok;
                    checks.put(check.name(), ok ? "ok" : "failing");
                }
                ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "not ready", "checks", checks));
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(Map.of("error", e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Map.of("error", "internal error; see Pompier's log"));
            });
        });
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
    }
}
