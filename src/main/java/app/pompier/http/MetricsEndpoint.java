package app.pompier.http;

import io.javalin.http.Context;

import java.util.function.Supplier;

/**
 * {@code GET /metrics}: Pompier's figures in Prometheus' text format, behind the API token (a scraper sends
 * it as a bearer token) unless the team opened it, for a scraper on a private network that sends none.
 */
public final class MetricsEndpoint {
    /** Prometheus' text exposition format. */
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final TicketApi auth;
    private final boolean open;
    private final Supplier<String> scrape;

    public MetricsEndpoint(TicketApi auth, boolean open, Supplier<String> scrape) {
        this.auth = auth;
        this.open = open;
        this.scrape = scrape;
    }

    void scrape(Context ctx) {
        if (!open) {
            auth.authorize(ctx, "/metrics is behind POMPIER_API_TOKEN; set it and give the scraper that bearer"
                    + " token, or set POMPIER_METRICS_OPEN=true to serve it to anyone who reaches the port");
        }
        ctx.contentType(CONTENT_TYPE).result(scrape.get());
    }
}
