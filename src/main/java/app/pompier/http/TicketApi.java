package app.pompier.http;

import app.pompier.outage.RelatedReports;
import app.pompier.outage.Reporters;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketFigures;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;
import app.pompier.ticket.Tickets;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON API for dashboards and scripts, behind a bearer token: tickets (filtered by state, priority,
 * breached), one ticket with its timeline, and figures (counts, take-in and resolution times, SLA held,
 * P1 inflation). Without {@code POMPIER_API_TOKEN} it is off.
 */
public final class TicketApi {
    private final String token;
    private final String workspace;
    private final Tickets tickets;
    private final TicketFigures figures;
    private final ReadingSla sla;
    private final RelatedReports related;
    private final Clock clock;

    public TicketApi(String token, String workspace, Tickets tickets, TicketFigures figures, ReadingSla sla,
                     RelatedReports related, Clock clock) {
        this.related = related;
        this.token = token;
        this.workspace = workspace;
        this.tickets = tickets;
        this.figures = figures;
        this.sla = sla;
        this.clock = clock;
    }

    void authorize(Context ctx) {
        authorize(ctx, "the JSON API is off; set POMPIER_API_TOKEN to turn it on");
    }

    /**
     * Lets the request through if it carries the API token as a bearer header, never in its URL; {@code whenOff}
     * is told when there is none.
     */
    void authorize(Context ctx, String whenOff) {
        if (token == null) {
            throw new HttpResponseException(404, whenOff);
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (!sameSecret(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpResponseException(401, "missing or wrong bearer token: send 'Authorization: Bearer <POMPIER_API_TOKEN>'");
        }
    }

    /** Whether {@code given} is the API token: one given where it must not be (a URL) is refused by name. */
    boolean isApiToken(String given) {
        return token != null && sameSecret(given, token);
    }

    /**
     * Compares a secret in constant time, whatever the lengths: both are hashed first, so the time taken says
     * nothing of how much of it, or of its length, was right.
     */
    static boolean sameSecret(String given, String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(secret.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    void list(Context ctx) {
        authorize(ctx);
        String state = ctx.queryParam("state");
        String priority = ctx.queryParam("priority");
        boolean breachedOnly = "true".equalsIgnoreCase(ctx.queryParam("breached"));
        TicketState wantedState = null;
        Priority wantedPriority = null;
        try {
            wantedState = state == null ? null : TicketState.fromCode(state);
            wantedPriority = priority == null ? null : Priority.valueOf(priority.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HttpResponseException(400, "state is one of new, needs_info, qualified, in_progress, waiting,"
                    + " resolved, closed; priority one of P1, P2, P3");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Ticket t : tickets.queue(workspace, 1000)) {
            if ((wantedState == null || t.state() == wantedState) && (wantedPriority == null || t.priority() == wantedPriority)
                    && (!breachedOnly || sla.statuses(t).values().stream().anyMatch(GoalStatus::breached))) {
                out.add(json(t));
            }
        }
        ctx.json(Map.of("tickets", out));
    }

    void one(Context ctx) {
        authorize(ctx);
        Ticket t = TicketId.parse(ctx.pathParam("id")).flatMap(id -> tickets.byId(workspace, id))
                .orElseThrow(() -> new HttpResponseException(404, "no ticket " + ctx.pathParam("id")));
        Map<String, Object> body = json(t);
        Reporters reporters = related.reportersOf(t.key());
        Map<String, Object> reported = new LinkedHashMap<>();
        reported.put("people", reporters.people());
        reported.put("reports", reporters.reports());
        reported.put("by_channel", reporters.byChannel());
        body.put("reporters", reported);
        body.put("related_reports", related.reportsOf(t.key()).stream().map(r -> r.id().toString()).toList());
        body.put("timeline", tickets.timeline(t.key()).stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", e.at().toString());
            entry.put("kind", e.kind());
            entry.put("actor", e.actor());
            entry.put("detail", e.detail());
            return entry;
        }).toList());
        ctx.json(body);
    }

    void stats(Context ctx) {
        authorize(ctx);
        int days;
        try {
            days = Integer.parseInt(ctx.queryParamAsClass("days", String.class).getOrDefault("30"));
        } catch (NumberFormatException e) {
            throw new HttpResponseException(400, "days is a whole number of days, such as 30");
        }
        var since = clock.instant().minus(Duration.ofDays(days));
        TicketFigures.Counts c = figures.counts(workspace, since);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", days);
        body.put("counts", c);
        long takeInDone = c.takeInMet() + c.takeInMissed();
        long resolutionDone = c.resolutionMet() + c.resolutionMissed();
        body.put("take_in_met_percent", takeInDone == 0 ? null : 100.0 * c.takeInMet() / takeInDone);
        body.put("resolution_met_percent", resolutionDone == 0 ? null : 100.0 * c.resolutionMet() / resolutionDone);
        body.put("p1_inflation", figures.inflation(workspace, since));
        ctx.json(body);
    }

    private Map<String, Object> json(Ticket t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id().toString());
        m.put("state", t.state().code());
        m.put("priority", t.priority() == null ? null : t.priority().name());
        m.put("claimed_priority", t.claimedPriority() == null ? null : t.claimedPriority().name());
        m.put("qualified_priority", t.qualifiedPriority() == null ? null : t.qualifiedPriority().name());
        m.put("priority_confirmed", t.priorityConfirmed());
        m.put("priority_reason", t.priorityReason());
        m.put("reporter", t.reporter());
        m.put("assignee", t.assignee());
        m.put("channel", t.source().channel());
        m.put("permalink", t.permalink());
        m.put("text", t.text());
        m.put("created_at", t.createdAt().toString());
        m.put("related_to", t.relatedTo() == null ? null : tickets.idOf(t.relatedTo()));
        Map<String, Object> goals = new LinkedHashMap<>();
        sla.statuses(t).forEach((goal, s) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("deadline", s.deadline() == null ? null : s.deadline().toString());
            g.put("business_minutes_left", s.left().toMinutes());
            g.put("paused", s.paused());
            g.put("done", s.done());
            g.put("breached", s.breached());
            goals.put(goal.code(), g);
        });
        m.put("sla", goals);
        return m;
    }
}
