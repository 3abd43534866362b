package app.pompier.ops.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SubmittedView;
import app.pompier.slack.TimeWords;
import app.pompier.slack.UserGroupRoles;
import app.pompier.ops.AnnouncingCollisions;
import app.pompier.ops.Collision;
import app.pompier.ops.Components;
import app.pompier.ops.DeclaringOps;
import app.pompier.ops.Declarer;
import app.pompier.ops.MaintenanceWindow;
import app.pompier.ops.Occurrence;
import app.pompier.ops.OpsCalendar;
import app.pompier.ops.OpsPlans;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datetimePicker;
import static com.slack.api.model.block.element.BlockElements.multiStaticSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;

/**
 * The operations calendar in Slack: {@code /ops} (the next two weeks, the collisions, the declaring dialogs).
 * Declaring, announcing collisions and answering tickets during a maintenance are the {@code ops} area's.
 */
public final class OpsDesk {
    public static final String COMMAND = "/ops";
    public static final String MAINTENANCE_DIALOG = "ops_maintenance";
    public static final String OPERATION_DIALOG = "ops_operation";
    /** What an answer to {@code /ops} gives to each list, within the 40,000 characters of a message. */
    private static final int PLANNED = 25_000, COLLISIONS = 14_000;
    private static final List<String> RECURRENCES = List.of("once", "weekly", "monthly", "every 2 months",
            "every 3 months", "every 6 months");

    private final DeclaringOps declaring;
    private final AnnouncingCollisions announcing;
    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final SlackGateway slack;
    private final OpsWords words;
    private final TimeWords time;
    private final UserGroupRoles roles;
    private final Clock clock;

    public OpsDesk(DeclaringOps declaring, AnnouncingCollisions announcing, OpsPlans plans, OpsCalendar calendar,
                   Components components, SlackGateway slack, OpsWords words, TimeWords time, UserGroupRoles roles,
                   Clock clock) {
        this.roles = roles;
        this.declaring = declaring;
        this.announcing = announcing;
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.slack = slack;
        this.words = words;
        this.time = time;
        this.clock = clock;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            String text = p.getText() == null ? "" : p.getText().trim().toLowerCase(java.util.Locale.ROOT);
            return switch (text) {
                case "" -> ctx.ack(nextTwoWeeks());
                case "collisions" -> ctx.ack(nextCollisions());
                case "maintenance", "operation" -> {
                    if (text.equals("maintenance") && !declaring.mayDeclareMaintenance(p.getUserId())) {
                        yield ctx.ack(whoDeclaresMaintenance());
                    }
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
            var by = new Declarer.Person(req.getPayload().getUser().getId());
            var outcome = declaring.maintenance(values.choice("component"), local(values, "start"),
                    local(values, "end"), values.choice("recurrence"), values.text("unavailable"), by);
            return answer(ctx, outcome);
        });
        app.viewSubmission(OPERATION_DIALOG, (req, ctx) -> {
            var values = SubmittedView.of(req.getPayload().getView().getState());
            var by = new Declarer.Person(req.getPayload().getUser().getId());
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
                    values.choices("components"), tail, values.choice("recurrence"), by);
            return answer(ctx, outcome);
        });
    }

    private com.slack.api.bolt.response.Response answer(com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx,
                                                       DeclaringOps.Outcome outcome) {
        if (outcome instanceof DeclaringOps.Outcome.Invalid invalid) {
            return ctx.ack(r -> r.responseAction("errors").errors(invalid.errors()));
        }
        if (outcome instanceof DeclaringOps.Outcome.NotAllowed) {
            // The dialog was opened while they could; a field shows plain text only.
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of("component",
                    "Only the ops owners and the leads declare maintenance windows.")));
        }
        return ctx.ack();
    }

    /** Who declares maintenance windows, for someone who may not: by name, and what they can do instead. */
    String whoDeclaresMaintenance() {
        List<String> owners = roles.opsOwnerMentions();
        String leads = roles.leadGroupId() != null ? "<!subteam^" + roles.leadGroupId() + ">" : null;
        if (owners.isEmpty() && leads == null) {
            return "Nobody declares maintenance windows in Slack yet: name the ops owners under `ops.owners` (people"
                    + " or a user group) or a `roles.lead_group` in Pompier's config.";
        }
        String who = owners.isEmpty() ? "the leads (" + leads + ")"
                : "the ops owners (" + String.join(", ", owners) + ")" + (leads == null ? "" : " and the leads ("
                + leads + ")");
        return "Only " + who + " declare maintenance windows: during one, Pompier answers every ticket about its"
                + " component \"planned maintenance\". Ask one of them; business operations (`/ops operation`) are"
                + " open to everyone.";
    }

    public String nextTwoWeeks() {
        Instant now = clock.instant();
        Instant to = now.plus(Duration.ofDays(14));
        List<String> lines = new ArrayList<>();
        for (MaintenanceWindow w : plans.windows()) {
            for (Occurrence o : calendar.occurrences(w, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:construction: " + words.when(o) + " · maintenance of the *"
                        + words.label(w.component()) + "* · " + Mention.of(w.owner()));
            }
        }
        for (var op : plans.operations()) {
            for (Occurrence o : calendar.occurrences(op, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:briefcase: " + time.when(o.start()) + " · *"
                        + SlackText.escapedExcerpt(op.name(), OpsWords.NAME) + "* · users until " + time.when(o.end()) + " · "
                        + Mention.of(op.owner()));
            }
        }
        lines.sort(null);
        String listed = SlackBlocks.join(lines.stream().map(l -> l.substring(l.indexOf('|') + 1)).toList(), "\n",
                PLANNED, null);
        String collisions = collisionsText(announcing.upcoming(Duration.ofDays(14)), "", COLLISIONS,
                "`/ops collisions`");
        return (lines.isEmpty() ? "Nothing planned in the next two weeks." : "*Next two weeks*\n" + listed)
                + (collisions.isEmpty() ? "" : "\n\n" + collisions);
    }

    /** {@code /ops collisions}: what collides in the next 90 days. */
    public String nextCollisions() {
        return collisionsText(announcing.upcoming(Duration.ofDays(90)), "No collision in the next 90 days.",
                SlackBlocks.MESSAGE_TEXT - 100, null);
    }

    /** The collisions in at most {@code max} characters; those left out are counted, and {@code where} they are. */
    private String collisionsText(List<Collision> collisions, String none, int max, String where) {
        if (collisions.isEmpty()) {
            return none;
        }
        return "*Collisions*\n" + SlackBlocks.join(collisions.stream()
                .map(c -> "• " + words.warning(announcing.warning(c, List.of(), false))).toList(), "\n", max, where);
    }

    public View maintenanceDialog() {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("component").label(plainText("Component"))
                        .element(staticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText("Start")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").label(plainText("End")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("unavailable").optional(true).label(plainText("What is unavailable"))
                        .element(plainTextInput(t -> t.actionId("value")))),
                input(i -> i.blockId("recurrence").label(plainText("Repeats"))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions())
                                .initialOption(SlackBlocks.option("once", "once"))))));
        return dialog(MAINTENANCE_DIALOG, "Maintenance window", blocks);
    }

    public View operationDialog() {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("name").label(plainText("Operation"))
                        .element(plainTextInput(t -> t.actionId("value")
                                .placeholder(SlackBlocks.placeholder("bi-monthly invoice send"))))),
                input(i -> i.blockId("components").label(plainText("Components it sends users to"))
                        .element(multiStaticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText("Start")).element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").optional(true).label(plainText("End (optional)"))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("tail").optional(true).label(plainText("Users keep arriving for (hours)"))
                        .element(plainTextInput(t -> t.actionId("value").initialValue("72")))),
                input(i -> i.blockId("recurrence").label(plainText("Repeats"))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions())
                                .initialOption(SlackBlocks.option("once", "once"))))));
        return dialog(OPERATION_DIALOG, "Business operation", blocks);
    }

    private static View dialog(String callback, String title, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callback).title(SlackBlocks.title(title))
                .submit(SlackBlocks.submit("Declare"))
                .close(SlackBlocks.close("Cancel")).blocks(blocks));
    }

    private List<OptionObject> componentOptions() {
        return SlackBlocks.options(components.aliasesByKey().keySet().stream().sorted()
                .map(k -> SlackBlocks.option(components.label(k), k)).toList());
    }

    private static List<OptionObject> recurrenceOptions() {
        return RECURRENCES.stream().map(r -> SlackBlocks.option(r, r)).toList();
    }

    private LocalDateTime local(SubmittedView values, String block) {
        Instant at = values.dateTime(block);
        return at == null ? null : at.atZone(calendar.zone()).toLocalDateTime();
    }
}
