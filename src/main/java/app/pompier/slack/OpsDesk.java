package app.pompier.slack;

import app.pompier.ops.Collision;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsCalendar;
import app.pompier.ops.OpsPlans;
import app.pompier.sla.BusinessDurations;
import app.pompier.ticket.Ticket;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datetimePicker;
import static com.slack.api.model.block.element.BlockElements.multiStaticSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/**
 * The operations calendar in Slack: {@code /ops} (the next two weeks, collisions, the declaring dialogs),
 * collision warnings to both owners and the operations channel, the same warning again days before,
 * the answer to a ticket that names a component under maintenance, and the count of such tickets told
 * to the maintenance's owner afterwards.
 */
public final class OpsDesk {
    private static final Logger log = LoggerFactory.getLogger(OpsDesk.class);
    public static final String COMMAND = "/ops";
    public static final String MAINTENANCE_DIALOG = "ops_maintenance";
    public static final String OPERATION_DIALOG = "ops_operation";
    private static final List<String> RECURRENCES = List.of("once", "weekly", "monthly", "every 2 months",
            "every 3 months", "every 6 months");

    private final DeclaringOps declaring;
    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final SlackGateway slack;
    private final TicketThread thread;
    private final TimeWords words;
    private final String opsChannelId;
    private final int announceDaysBefore;
    private final Clock clock;
    private final ExecutorService followUps;

    public OpsDesk(DeclaringOps declaring, OpsPlans plans, OpsCalendar calendar, Components components,
                   SlackGateway slack, TicketThread thread, TimeWords words, String opsChannelId, int announceDaysBefore, Clock clock,
                   ExecutorService followUps) {
        this.declaring = declaring;
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.slack = slack;
        this.thread = thread;
        this.words = words;
        this.opsChannelId = opsChannelId;
        this.announceDaysBefore = announceDaysBefore;
        this.clock = clock;
        this.followUps = followUps;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            String text = p.getText() == null ? "" : p.getText().trim().toLowerCase(java.util.Locale.ROOT);
            return switch (text) {
                case "" -> ctx.ack(nextTwoWeeks());
                case "collisions" -> ctx.ack(collisionsText(declaring.upcoming(Duration.ofDays(90)),
                        "No collision in the next 90 days."));
                case "maintenance", "operation" -> {
                    if (components.aliasesByKey().isEmpty()) {
                        yield ctx.ack("No component is named yet: list them under `ops.components` in the config.");
                    }
                    View dialog = text.equals("maintenance") ? maintenanceDialog() : operationDialog();
                    var opened = slack.callOnce("views.open", m -> m.viewsOpen(r -> r.triggerId(p.getTriggerId())
                            .view(dialog)));
                    yield opened.isOk() ? ctx.ack() : ctx.ack("Slack could not open the dialog (" + opened.getError()
                            + "); try again.");
                }
                default -> ctx.ack("`/ops` lists the next two weeks; `/ops collisions` what collides;"
                        + " `/ops maintenance` or `/ops operation` declares one.");
            };
        });
        app.viewSubmission(MAINTENANCE_DIALOG, (req, ctx) -> {
            var values = SubmittedView.of(req.getPayload().getView().getState());
            String owner = req.getPayload().getUser().getId();
            var outcome = declaring.maintenance(values.choice("component"), local(values, "start"),
                    local(values, "end"), values.choice("recurrence"), values.text("unavailable"), owner);
            return answer(ctx, outcome);
        });
        app.viewSubmission(OPERATION_DIALOG, (req, ctx) -> {
            var values = SubmittedView.of(req.getPayload().getView().getState());
            String owner = req.getPayload().getUser().getId();
            String tailText = values.text("tail");
            Duration tail = null;
            if (tailText != null) {
                try {
                    tail = Duration.ofHours(Long.parseLong(tailText));
                } catch (NumberFormatException e) {
                    return ctx.ack(r -> r.responseAction("errors").errors(Map.of("tail",
                            "Give a whole number of hours, such as 72.")));
                }
            }
            var outcome = declaring.operation(values.text("name"), local(values, "start"), local(values, "end"),
                    values.choices("components"), tail, values.choice("recurrence"), owner);
            return answer(ctx, outcome);
        });
    }

    private com.slack.api.bolt.response.Response answer(com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx,
                                                       DeclaringOps.Outcome outcome) {
        if (outcome instanceof DeclaringOps.Outcome.Invalid invalid) {
            return ctx.ack(r -> r.responseAction("errors").errors(invalid.errors()));
        }
        var declared = (DeclaringOps.Outcome.Declared) outcome;
        followUps.execute(() -> warn(declared.collisions(), false));
        return ctx.ack();
    }

    /** Tells both owners and the operations channel of each collision, with free windows to move to. */
    public void warn(List<Collision> collisions, boolean ahead) {
        // One message per maintenance and operation pair: the nearest collision in full, the later ones by date.
        Map<String, List<Collision>> byPair = new java.util.LinkedHashMap<>();
        for (Collision c : collisions) {
            byPair.computeIfAbsent(c.window().id() + ":" + c.operation().id(), k -> new ArrayList<>()).add(c);
        }
        for (List<Collision> pair : byPair.values()) {
            Collision c = pair.get(0);
            String later = pair.size() == 1 ? "" : "\nIt collides again: " + String.join(", ", pair.subList(1,
                    pair.size()).stream().map(x -> words.when(x.overlapStart()) + " → " + words.when(x.overlapEnd()))
                    .toList()) + ".";
            String text = warning(c, ahead) + later;
            Set<String> to = new LinkedHashSet<>();
            to.add(c.window().owner());
            to.add(c.operation().owner());
            if (opsChannelId != null) {
                to.add(opsChannelId);
            }
            for (String channel : to) {
                try {
                    slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(channel).text(text)));
                } catch (SlackUnavailableException e) {
                    log.warn("collision warning to {} not sent: {}", channel, e.getMessage());
                }
            }
        }
    }

    String warning(Collision c, boolean ahead) {
        StringBuilder text = new StringBuilder(":warning: ");
        text.append(ahead ? "Reminder — in " + announceDaysBefore + " days or less: " : "Collision: ");
        text.append("the maintenance of the *").append(components.label(c.window().component())).append("* (")
                .append(when(c.maintenance())).append(", ").append(c.window().recurrence().words())
                .append(", owner ").append(Mention.of(c.window().owner())).append(") overlaps *")
                .append(SlackText.escape(c.operation().name())).append("* (owner ")
                .append(Mention.of(c.operation().owner())).append("), whose users keep arriving for ")
                .append(BusinessDurations.words(c.operation().tail())).append(": overlap ")
                .append(words.when(c.overlapStart())).append(" → ").append(words.when(c.overlapEnd())).append('.');
        List<Occurrence> free = calendar.freeWindows(c.window().component(), c.maintenance(), plans.operations());
        if (!free.isEmpty()) {
            text.append("\nNearest windows of the same length that collide with nothing: ");
            text.append(String.join(" or ", free.stream().map(this::when).toList())).append('.');
        }
        return text.toString();
    }

    /** A ticket naming a component under maintenance now gets the maintenance's answer in its thread. */
    public void answerIfUnderMaintenance(Ticket ticket) {
        Set<String> named = components.mentionedIn(ticket.text());
        if (named.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (MaintenanceWindow w : plans.windows()) {
            if (!named.contains(w.component())) {
                continue;
            }
            Optional<Occurrence> ongoing = calendar.underMaintenance(w, now);
            if (ongoing.isPresent()) {
                plans.hit(w.id(), ongoing.get(), ticket.key());
                String text = ":construction: The *" + components.label(w.component()) + "* is under planned maintenance"
                        + " until " + words.when(ongoing.get().end())
                        + (w.unavailable().isBlank() ? "" : " (" + SlackText.escape(w.unavailable()) + " unavailable)")
                        + ". Your ticket " + ticket.id() + " is recorded; if the problem remains after, tell us here.";
                thread.post(ticket.source(), text);
                return;
            }
        }
    }

    /** Announces collisions coming within the configured days once, and tells owners what their maintenances drew. */
    public void sweep() {
        List<Collision> soon = declaring.upcoming(Duration.ofDays(announceDaysBefore));
        List<Collision> fresh = new ArrayList<>();
        for (Collision c : soon) {
            if (plans.announceOnce(c.key(), clock.instant())) {
                fresh.add(c);
            }
        }
        warn(fresh, true);
        for (OpsPlans.Hits hits : plans.hitsToReport(clock.instant())) {
            plans.windows().stream().filter(w -> w.id() == hits.windowId()).findFirst().ifPresent(w -> {
                slack.call("chat.postMessage", m -> m.chatPostMessage(r -> r.channel(w.owner()).text(
                        ":bar_chart: During your maintenance of the *" + components.label(w.component()) + "* ("
                                + words.when(hits.occurrenceStart()) + " → " + words.when(hits.occurrenceEnd()) + "), "
                                + hits.tickets() + " ticket(s) named it and were told it was under maintenance.")));
                plans.reported(hits.windowId(), hits.occurrenceStart());
            });
        }
    }

    String nextTwoWeeks() {
        Instant now = clock.instant();
        Instant to = now.plus(Duration.ofDays(14));
        List<String> lines = new ArrayList<>();
        for (MaintenanceWindow w : plans.windows()) {
            for (Occurrence o : calendar.occurrences(w, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:construction: " + when(o) + " · maintenance of the *"
                        + components.label(w.component()) + "* · " + Mention.of(w.owner()));
            }
        }
        for (var op : plans.operations()) {
            for (Occurrence o : calendar.occurrences(op, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:briefcase: " + words.when(o.start()) + " · *"
                        + SlackText.escape(op.name()) + "* · users until " + words.when(o.end()) + " · "
                        + Mention.of(op.owner()));
            }
        }
        lines.sort(null);
        String listed = String.join("\n", lines.stream().map(l -> l.substring(l.indexOf('|') + 1)).toList());
        String collisions = collisionsText(declaring.upcoming(Duration.ofDays(14)), "");
        return (lines.isEmpty() ? "Nothing planned in the next two weeks." : "*Next two weeks*\n" + listed)
                + (collisions.isEmpty() ? "" : "\n\n" + collisions);
    }

    private String collisionsText(List<Collision> collisions, String none) {
        if (collisions.isEmpty()) {
            return none;
        }
        return "*Collisions*\n" + String.join("\n", collisions.stream().map(c -> "• " + warning(c, false)).toList());
    }

    private String when(Occurrence o) {
        return words.when(o.start()) + " → " + words.when(o.end());
    }

    private View maintenanceDialog() {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("component").label(plainText("Component"))
                        .element(staticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText("Start")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").label(plainText("End")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("unavailable").optional(true).label(plainText("What is unavailable"))
                        .element(plainTextInput(t -> t.actionId("value")))),
                input(i -> i.blockId("recurrence").label(plainText("Repeats"))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions())
                                .initialOption(option(plainText("once"), "once"))))));
        return dialog(MAINTENANCE_DIALOG, "Maintenance window", blocks);
    }

    private View operationDialog() {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("name").label(plainText("Operation"))
                        .element(plainTextInput(t -> t.actionId("value").placeholder(plainText("bi-monthly invoice send"))))),
                input(i -> i.blockId("components").label(plainText("Components it sends users to"))
                        .element(multiStaticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText("Start")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").optional(true).label(plainText("End (optional)"))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("tail").optional(true).label(plainText("Users keep arriving for (hours)"))
                        .element(plainTextInput(t -> t.actionId("value").initialValue("72")))),
                input(i -> i.blockId("recurrence").label(plainText("Repeats"))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions())
                                .initialOption(option(plainText("once"), "once"))))));
        return dialog(OPERATION_DIALOG, "Business operation", blocks);
    }

    private static View dialog(String callback, String title, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callback).title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(s -> s.type("plain_text").text("Declare")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel"))).blocks(blocks));
    }

    private List<OptionObject> componentOptions() {
        return components.aliasesByKey().keySet().stream().sorted()
                .map(k -> option(plainText(components.label(k)), k)).toList();
    }

    private static List<OptionObject> recurrenceOptions() {
        return RECURRENCES.stream().map(r -> option(plainText(r), r)).toList();
    }

    private LocalDateTime local(SubmittedView values, String block) {
        Instant at = values.dateTime(block);
        return at == null ? null : at.atZone(calendar.zone()).toLocalDateTime();
    }
}
