package app.pompier.ops.slack;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SubmittedView;
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
import java.util.LinkedHashMap;
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
 * Declaring, announcing collisions and answering tickets during a maintenance are the {@code ops} area's. What
 * {@code /ops} answers and its dialogs are in the language of whoever typed it.
 */
public final class OpsDesk {
    public static final String COMMAND = "/ops";
    public static final String MAINTENANCE_DIALOG = "ops_maintenance";
    public static final String OPERATION_DIALOG = "ops_operation";
    /** What an answer to {@code /ops} gives to each list, within the 40,000 characters of a message. */
    private static final int PLANNED = 25_000, COLLISIONS = 14_000;
    /** The dialog's choices: the value is what {@link app.pompier.ops.Recurrence} reads, the label in words. */
    private static final List<String> RECURRENCES = List.of("once", "weekly", "monthly", "every 2 months",
            "every 3 months", "every 6 months");

    private final DeclaringOps declaring;
    private final AnnouncingCollisions announcing;
    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final SlackGateway slack;
    private final OpsWords words;
    private final Languages languages;
    private final UserGroupRoles roles;
    private final Clock clock;

    public OpsDesk(DeclaringOps declaring, AnnouncingCollisions announcing, OpsPlans plans, OpsCalendar calendar,
                   Components components, SlackGateway slack, OpsWords words, Languages languages, UserGroupRoles roles,
                   Clock clock) {
        this.roles = roles;
        this.declaring = declaring;
        this.announcing = announcing;
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.slack = slack;
        this.words = words;
        this.languages = languages;
        this.clock = clock;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            Words said = languages.person(p.getUserId(), p.getChannelId());
            String text = p.getText() == null ? "" : p.getText().trim().toLowerCase(java.util.Locale.ROOT);
            return switch (text) {
                case "" -> ctx.ack(nextTwoWeeks(said));
                case "collisions" -> ctx.ack(nextCollisions(said));
                case "maintenance", "operation" -> {
                    if (text.equals("maintenance") && !declaring.mayDeclareMaintenance(p.getUserId())) {
                        yield ctx.ack(whoDeclaresMaintenance(said));
                    }
                    if (components.aliasesByKey().isEmpty()) {
                        yield ctx.ack(said.say("ops.no_component"));
                    }
                    View dialog = text.equals("maintenance") ? maintenanceDialog(said) : operationDialog(said);
                    var opened = slack.callOnce("views.open", m -> m.viewsOpen(r -> r.triggerId(p.getTriggerId())
                            .view(dialog)));
                    yield opened.isOk() ? ctx.ack() : ctx.ack(said.say("ops.dialog_not_opened", "error",
                            opened.getError()));
                }
                default -> ctx.ack(said.say("ops.help"));
            };
        });
        app.viewSubmission(MAINTENANCE_DIALOG, (req, ctx) -> {
            var values = SubmittedView.of(req.getPayload().getView().getState());
            var by = new Declarer.Person(req.getPayload().getUser().getId());
            var outcome = declaring.maintenance(values.choice("component"), local(values, "start"),
                    local(values, "end"), values.choice("recurrence"), values.text("unavailable"), by);
            return answer(ctx, outcome, languages.person(by.user()));
        });
        app.viewSubmission(OPERATION_DIALOG, (req, ctx) -> {
            var values = SubmittedView.of(req.getPayload().getView().getState());
            var by = new Declarer.Person(req.getPayload().getUser().getId());
            Words said = languages.person(by.user());
            String tailText = values.text("tail");
            Duration tail = null;
            if (tailText != null) {
                try {
                    tail = Duration.ofHours(Long.parseLong(tailText));
                } catch (NumberFormatException e) {
                    return ctx.ack(r -> r.responseAction("errors").errors(Map.of("tail",
                            said.say("ops.tail_not_hours"))));
                }
            }
            var outcome = declaring.operation(values.text("name"), local(values, "start"), local(values, "end"),
                    values.choices("components"), tail, values.choice("recurrence"), by);
            return answer(ctx, outcome, said);
        });
    }

    private com.slack.api.bolt.response.Response answer(com.slack.api.bolt.context.builtin.ViewSubmissionContext ctx,
                                                       DeclaringOps.Outcome outcome, Words said) {
        if (outcome instanceof DeclaringOps.Outcome.Invalid invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach((field, why) -> errors.put(field, said.say(why)));
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        if (outcome instanceof DeclaringOps.Outcome.NotAllowed) {
            // The dialog was opened while they could; a field shows plain text only.
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of("component", said.say("ops.not_allowed"))));
        }
        return ctx.ack();
    }

    /** Who declares maintenance windows, for someone who may not: by name, and what they can do instead. */
    String whoDeclaresMaintenance(Words said) {
        List<String> owners = roles.opsOwnerMentions();
        String leads = roles.leadGroupId() != null ? "<!subteam^" + roles.leadGroupId() + ">" : null;
        if (owners.isEmpty() && leads == null) {
            return said.say("ops.who.nobody");
        }
        String who = owners.isEmpty() ? "leads" : leads == null ? "owners" : "both";
        return said.say("ops.who.only", "who", who, "owners", String.join(", ", owners), "leads", leads);
    }

    public String nextTwoWeeks(Words said) {
        Instant now = clock.instant();
        Instant to = now.plus(Duration.ofDays(14));
        List<String> lines = new ArrayList<>();
        for (MaintenanceWindow w : plans.windows()) {
            for (Occurrence o : calendar.occurrences(w, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:construction: " + said.say("ops.list.maintenance",
                        "when", words.when(said, o), "component", words.label(w.component()),
                        "owner", Mention.of(w.owner())));
            }
        }
        for (var op : plans.operations()) {
            for (Occurrence o : calendar.occurrences(op, now, to)) {
                lines.add(o.start().toEpochMilli() + "|:briefcase: " + said.say("ops.list.operation",
                        "start", said.when(o.start()), "operation", SlackText.escapedExcerpt(op.name(), OpsWords.NAME),
                        "end", said.when(o.end()), "owner", Mention.of(op.owner())));
            }
        }
        lines.sort(null);
        String listed = SlackBlocks.join(said, lines.stream().map(l -> l.substring(l.indexOf('|') + 1)).toList(), "\n",
                PLANNED, null);
        String collisions = collisionsText(said, announcing.upcoming(Duration.ofDays(14)), "", COLLISIONS,
                "`/ops collisions`");
        return (lines.isEmpty() ? said.say("ops.list.nothing") : said.say("ops.list.title") + "\n" + listed)
                + (collisions.isEmpty() ? "" : "\n\n" + collisions);
    }

    /** {@code /ops collisions}: what collides in the next 90 days. */
    public String nextCollisions(Words said) {
        return collisionsText(said, announcing.upcoming(Duration.ofDays(90)), said.say("ops.collisions.none"),
                SlackBlocks.MESSAGE_TEXT - 100, null);
    }

    /** The collisions in at most {@code max} characters; those left out are counted, and {@code where} they are. */
    private String collisionsText(Words said, List<Collision> collisions, String none, int max, String where) {
        if (collisions.isEmpty()) {
            return none;
        }
        return said.say("ops.collisions.title") + "\n" + SlackBlocks.join(said, collisions.stream()
                .map(c -> "• " + words.warning(said, announcing.warning(c, List.of(), false))).toList(), "\n", max,
                where);
    }

    public View maintenanceDialog(Words said) {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("component").label(plainText(said.say("ops.dialog.component")))
                        .element(staticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText(said.say("ops.dialog.start")))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").label(plainText(said.say("ops.dialog.end")))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("unavailable").optional(true).label(plainText(said.say("ops.dialog.unavailable")))
                        .element(plainTextInput(t -> t.actionId("value")))),
                input(i -> i.blockId("recurrence").label(plainText(said.say("ops.dialog.repeats")))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions(said))
                                .initialOption(recurrenceOption(said, "once"))))));
        return dialog(said, MAINTENANCE_DIALOG, said.say("ops.dialog.maintenance"), blocks);
    }

    public View operationDialog(Words said) {
        List<LayoutBlock> blocks = List.of(
                input(i -> i.blockId("name").label(plainText(said.say("ops.dialog.name")))
                        .element(plainTextInput(t -> t.actionId("value")
                                .placeholder(SlackBlocks.placeholder(said.say("ops.dialog.name_example")))))),
                input(i -> i.blockId("components").label(plainText(said.say("ops.dialog.components")))
                        .element(multiStaticSelect(s -> s.actionId("value").options(componentOptions())))),
                input(i -> i.blockId("start").label(plainText(said.say("ops.dialog.start")))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("end").optional(true).label(plainText(said.say("ops.dialog.end_optional")))
                        .element(datetimePicker(d -> d.actionId("value")))),
                input(i -> i.blockId("tail").optional(true).label(plainText(said.say("ops.dialog.tail")))
                        .element(plainTextInput(t -> t.actionId("value").initialValue("72")))),
                input(i -> i.blockId("recurrence").label(plainText(said.say("ops.dialog.repeats")))
                        .element(staticSelect(s -> s.actionId("value").options(recurrenceOptions(said))
                                .initialOption(recurrenceOption(said, "once"))))));
        return dialog(said, OPERATION_DIALOG, said.say("ops.dialog.operation"), blocks);
    }

    private static View dialog(Words said, String callback, String title, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callback).title(SlackBlocks.title(title))
                .submit(SlackBlocks.submit(said.say("ops.dialog.declare")))
                .close(SlackBlocks.close(said.say("ops.dialog.cancel"))).blocks(blocks));
    }

    private List<OptionObject> componentOptions() {
        return SlackBlocks.options(components.aliasesByKey().keySet().stream().sorted()
                .map(k -> SlackBlocks.option(components.label(k), k)).toList());
    }

    private static List<OptionObject> recurrenceOptions(Words said) {
        return RECURRENCES.stream().map(r -> recurrenceOption(said, r)).toList();
    }

    /** A choice of recurrence: its label in words ("tous les 2 mois"), its value as the code reads it. */
    private static OptionObject recurrenceOption(Words said, String code) {
        Phrase label = code.startsWith("every ")
                ? Phrase.of("ops.recurrence.every_months", "months", Integer.parseInt(code.replaceAll("\\D", "")))
                : Phrase.of("ops.recurrence." + code);
        return SlackBlocks.option(said.say(label), code);
    }

    private LocalDateTime local(SubmittedView values, String block) {
        Instant at = values.dateTime(block);
        return at == null ? null : at.atZone(calendar.zone()).toLocalDateTime();
    }
}
