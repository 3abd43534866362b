package app.pompier.http;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.ops.BusinessOperation;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.Declarer;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsCalendar;
import app.pompier.ops.OpsPlans;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Uid;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations calendar over HTTP: declaring windows and operations as JSON, behind the API token; and the
 * iCalendar feed teams subscribe to (built with ical4j), behind a read-only calendar token of its own given in the
 * feed's URL (calendar apps send no header), or the API token as a bearer header. The API token, which reads every
 * ticket and writes the calendar, is never taken from a URL: URLs end up in proxy logs and calendar services. The
 * feed's events are in the team's language (many read it); what the API answers scripts stays in English.
 */
public final class OpsApi {
    private static final Logger log = LoggerFactory.getLogger(OpsApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FEED = Duration.ofDays(366);

    private final TicketApi auth;
    /** The feed's own secret; null when the team set none (the feed then wants the API token as a header). */
    private final String calendarToken;
    private final DeclaringOps declaring;
    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final Languages languages;
    private final Clock clock;
    /**
     * The team zone's definition, which RFC 5545 requires beside events that name it (empty where ical4j has none);
     * read at the first feed: ical4j's zone registry cost a start a fifth of a second.
     */
    private volatile Optional<VTimeZone> zoneDefinition;

    public OpsApi(TicketApi auth, String calendarToken, DeclaringOps declaring, OpsPlans plans, OpsCalendar calendar,
                  Components components, Languages languages, Clock clock) {
        this.auth = auth;
        this.calendarToken = calendarToken;
        this.declaring = declaring;
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.languages = languages;
        this.clock = clock;
    }

    /**
     * ical4j's VTIMEZONE for {@code zone}, from the zone definitions in its jar (ical4j.properties turns off
     * fetching newer ones from tzurl.org: the feed is built offline, at once).
     */
    private VTimeZone zoneDefinition() {
        Optional<VTimeZone> known = zoneDefinition;
        if (known == null) {
            // Two first feeds at once both read it: the same definition, no harm.
            known = Optional.ofNullable(definitionOf(calendar.zone()));
            zoneDefinition = known;
        }
        return known.orElse(null);
    }

    private static VTimeZone definitionOf(ZoneId zone) {
        TimeZone known = TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(zone.getId());
        return known == null ? null : known.getVTimeZone();
    }

    void declareMaintenance(Context ctx) {
        auth.authorize(ctx);
        JsonNode body = body(ctx);
        // A script with the API token is the team's own: it declares maintenances, naming a real owner.
        answer(ctx, declaring.maintenance(text(body, "component"), time(body, "start"), time(body, "end"),
                text(body, "recurrence"), text(body, "unavailable"), new Declarer.Script(text(body, "owner"))));
    }

    void declareOperation(Context ctx) {
        auth.authorize(ctx);
        JsonNode body = body(ctx);
        List<String> dependsOn = new ArrayList<>();
        body.path("components").forEach(c -> dependsOn.add(c.asText()));
        Duration tail = body.has("tail_hours") ? Duration.ofHours(body.path("tail_hours").asLong()) : null;
        answer(ctx, declaring.operation(text(body, "name"), time(body, "start"), time(body, "end"), dependsOn, tail,
                text(body, "recurrence"), new Declarer.Script(text(body, "owner"))));
    }

    private void answer(Context ctx, DeclaringOps.Outcome outcome) {
        if (outcome instanceof DeclaringOps.Outcome.Invalid invalid) {
            Words english = languages.in(Languages.ENGLISH);
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach((field, why) -> errors.put(field, english.say(why)));
            ctx.status(400).json(Map.of("errors", errors));
            return;
        }
        if (outcome instanceof DeclaringOps.Outcome.NotAllowed) {
            throw new HttpResponseException(403, "only the ops owners and the leads declare maintenance windows");
        }
        var declared = (DeclaringOps.Outcome.Declared) outcome;
        ctx.status(201).json(Map.of("id", declared.id(), "collisions", declared.collisions().stream().map(c -> Map.of(
                "maintenance", c.window().id(), "operation", c.operation().id(),
                "overlap_start", c.overlapStart().toString(), "overlap_end", c.overlapEnd().toString())).toList()));
    }

    /** {@code GET /ops/calendar.ics}: every occurrence of the next year. */
    void feed(Context ctx) throws Exception {
        authorizeFeed(ctx);
        Instant now = clock.instant();
        Words said = languages.team();
        Calendar ics = new Calendar().withProdId("-//Pompier//Operations calendar//EN").withDefaults().getFluentTarget();
        VTimeZone zone = zoneDefinition();
        if (zone != null) {
            ics.add(zone);
        }
        for (MaintenanceWindow w : plans.windows()) {
            for (Occurrence o : calendar.occurrences(w, now.minus(Duration.ofDays(30)), now.plus(FEED))) {
                String repeats = said.say(w.recurrence().phrase());
                ics.add(event("maintenance-" + w.id() + "-" + o.start().getEpochSecond(), o,
                        said.say("ops.feed.maintenance", "component", components.label(w.component())),
                        w.unavailable().isBlank()
                                ? said.say("ops.feed.maintenance_about", "owner", w.owner(), "recurrence", repeats)
                                : said.say("ops.feed.maintenance_about_unavailable", "unavailable", w.unavailable(),
                                "owner", w.owner(), "recurrence", repeats)));
            }
        }
        for (BusinessOperation op : plans.operations()) {
            for (Occurrence o : calendar.occurrences(op, now.minus(Duration.ofDays(30)), now.plus(FEED))) {
                ics.add(event("operation-" + op.id() + "-" + o.start().getEpochSecond(), o, op.name(),
                        said.say("ops.feed.operation_about", "components", String.join(", ",
                                op.components().stream().map(components::label).toList()), "owner", op.owner())));
            }
        }
        StringWriter out = new StringWriter();
        new CalendarOutputter(false).output(ics, out);
        ctx.contentType("text/calendar; charset=utf-8").result(out.toString());
    }

    /** {@code ?token=} with the calendar token, or the API token as a bearer header; anything else is told how. */
    private void authorizeFeed(Context ctx) {
        String inUrl = ctx.queryParam("token");
        String subscribe = "subscribe to /ops/calendar.ics?token=<POMPIER_CALENDAR_TOKEN>";
        if (inUrl == null) {
            if (ctx.header("Authorization") == null && calendarToken != null) {
                throw new HttpResponseException(401, "no token: " + subscribe + ", or send the API token as"
                        + " 'Authorization: Bearer <POMPIER_API_TOKEN>'");
            }
            auth.authorize(ctx, "the calendar feed is off: set POMPIER_CALENDAR_TOKEN (16 characters or more) and "
                    + subscribe + ", or set POMPIER_API_TOKEN and send it as a bearer header");
            return;
        }
        if (auth.isApiToken(inUrl)) {
            log.warn("the API token was sent in the URL of the calendar feed, and refused: it may now be in proxy"
                    + " logs or a calendar service; change POMPIER_API_TOKEN");
            throw new HttpResponseException(401, "the API token is never accepted in a URL (URLs end up in proxy logs"
                    + " and calendar services, and it reads every ticket); change POMPIER_API_TOKEN, and " + subscribe
                    + (calendarToken == null ? " once POMPIER_CALENDAR_TOKEN is set" : ""));
        }
        if (calendarToken == null) {
            throw new HttpResponseException(404, "the calendar feed takes no token in its URL: POMPIER_CALENDAR_TOKEN"
                    + " is not set; set it (16 characters or more) and " + subscribe);
        }
        if (!TicketApi.sameSecret(inUrl, calendarToken)) {
            throw new HttpResponseException(401, "wrong calendar token: " + subscribe);
        }
    }

    /**
     * In the team's local time, so that a client shows 22:00 on both sides of a daylight-saving change; in UTC
     * for a zone ical4j cannot describe (a TZID without its VTIMEZONE is what strict clients refuse).
     */
    private VEvent event(String uid, Occurrence o, String summary, String description) {
        boolean zoned = zoneDefinition() != null;
        Temporal start = zoned ? o.start().atZone(calendar.zone()) : o.start();
        Temporal end = zoned ? o.end().atZone(calendar.zone()) : o.end();
        VEvent event = new VEvent(start, end, summary);
        event.add(new Uid(uid + "@pompier"));
        event.add(new Description(description));
        return event;
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode node = JSON.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new HttpResponseException(400, "send a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HttpResponseException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static LocalDateTime time(JsonNode body, String field) {
        String v = text(body, field);
        try {
            return v == null ? null : LocalDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new HttpResponseException(400, "'" + field + "' is '" + v + "'; give a local date-time in the"
                    + " team's time zone, such as 2026-11-28T08:00");
        }
    }
}
