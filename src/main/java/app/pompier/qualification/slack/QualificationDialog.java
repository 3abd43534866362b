package app.pompier.qualification.slack;

import app.pompier.language.Words;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.slack.SubmittedView;
import app.pompier.qualification.Answers;
import app.pompier.qualification.Impact;
import app.pompier.qualification.PolicyRules;
import app.pompier.qualification.Reach;
import app.pompier.qualification.Reproducibility;
import app.pompier.ticket.Category;
import app.pompier.ticket.Priority;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.File;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.fileInput;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;

/**
 * The qualification modal: what support needs to reproduce a problem and to rank it by impact.
 * Builds the view (prefilled with what is known) and reads a submitted one back into {@link Answers}.
 */
public final class QualificationDialog {
    public static final String CALLBACK_ID = "qualify_ticket";
    static final String STEPS = "steps", LOCATION = "location", ERROR = "error_message", SCREENSHOTS = "screenshots",
            ENVIRONMENT = "environment", REACH = "reach", IMPACT = "impact", REPRODUCIBLE = "reproducible",
            WORKAROUND = "workaround", WORKAROUND_TEXT = "workaround_text", CLAIMED = "claimed",
            CATEGORY = "category";
    private static final String VALUE = SubmittedView.VALUE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    /**
     * Which ticket, which qualification revision the dialog was opened on, and the ticket's channel: where the
     * person is, whose language their answer falls back on.
     */
    public record Context(TicketId ticket, int revision, List<String> previousScreenshots, String channel) {
    }

    /** A submitted dialog: the answers, or what to fix, keyed by block id as Slack shows them. */
    public sealed interface Reading {
        record Valid(Answers answers) implements Reading {
        }

        record Invalid(Map<String, String> errors) implements Reading {
        }
    }

    private final PolicyRules rules;

    public QualificationDialog(PolicyRules rules) {
        this.rules = rules;
    }

    /** The dialog, in the language of the person who opens it ({@code words}). */
    public View build(Ticket ticket, Optional<Answers> previous, Words words) {
        Answers a = previous.orElse(null);
        String location = a != null ? a.location() : firstUrl(ticket.text());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.context("*" + ticket.id() + "* · " + SlackText.escapedExcerpt(ticket.text(), 200)));
        blocks.add(text(words, STEPS, "qualification.dialog.steps", true, true, a == null ? null : a.steps()));
        blocks.add(text(words, LOCATION, "qualification.dialog.location", false, false, location));
        blocks.add(text(words, ERROR, "qualification.dialog.error", true, false, a == null ? null : a.errorMessage()));
        List<String> shots = a == null ? List.of() : a.screenshots();
        blocks.add(input(i -> i.blockId(SCREENSHOTS).optional(true)
                .label(plainText(words.say("qualification.dialog.screenshots")))
                .hint(shots.isEmpty() ? null : plainText(words.say("qualification.dialog.screenshots.kept",
                        "count", shots.size())))
                .element(fileInput(f -> f.actionId(VALUE).maxFiles(5)
                        .filetypes(List.of("png", "jpg", "jpeg", "gif", "webp", "pdf"))))));
        blocks.add(select(words, ENVIRONMENT, true, options(words, "qualification.dialog.environment",
                List.of("production", "staging", "test", "other")), a == null ? null : a.environment()));
        blocks.add(radio(words, REACH, options(words, "qualification.dialog.reach",
                Arrays.stream(Reach.values()).map(Reach::code).toList()), a == null ? null : a.reach().code()));
        List<OptionObject> impacts = new ArrayList<>();
        // The three answers below always fit: the team's essential functions give way first.
        for (String function : rules.essentialFunctions().stream().limit(SlackBlocks.OPTIONS - 3).toList()) {
            impacts.add(SlackBlocks.option(words.say("qualification.dialog.impact.essential", "function", function),
                    "essential:" + function));
        }
        impacts.addAll(options(words, "qualification.dialog.impact", List.of("function", "degraded", "request")));
        blocks.add(select(words, IMPACT, false, impacts, a == null ? null : a.impact().code()));
        blocks.add(radio(words, REPRODUCIBLE, options(words, "qualification.dialog.reproducible",
                Arrays.stream(Reproducibility.values()).map(Reproducibility::code).toList()),
                a == null ? null : a.reproducibility().code()));
        blocks.add(radio(words, WORKAROUND, options(words, "qualification.dialog.workaround", List.of("none", "yes")),
                a == null ? null : (a.hasWorkaround() ? "yes" : "none")));
        blocks.add(text(words, WORKAROUND_TEXT, "qualification.dialog.workaround_text", false, false,
                a == null ? null : a.workaround()));
        blocks.add(select(words, CATEGORY, true, options(words, "qualification.dialog.category", Category.codes()),
                ticket.category()));
        blocks.add(select(words, CLAIMED, true, Arrays.stream(Priority.values())
                        .map(p -> SlackBlocks.option(words.say("qualification.dialog.claimed." + p.name().toLowerCase(
                                Locale.ROOT)), p.name())).toList(),
                a == null || a.claimed() == null ? null : a.claimed().name()));
        String metadata = metadata(new Context(ticket.id(), ticket.qualificationRevision(), shots,
                ticket.source().channel()));
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(metadata)
                .title(SlackBlocks.title(words.say("qualification.dialog.title", "ticket", ticket.id()),
                        ticket.id().toString()))
                .submit(SlackBlocks.submit(words.say("qualification.dialog.submit")))
                .close(SlackBlocks.close(words.say("qualification.dialog.cancel")))
                .blocks(blocks));
    }

    /** A modal that only says, in {@code words}' language, why the dialog could not be recorded. */
    public static View refusal(Words words, String why) {
        return view(v -> v.type("modal").title(SlackBlocks.title(words.say("qualification.dialog.refused.title")))
                .close(SlackBlocks.close(words.say("qualification.dialog.refused.close")))
                .blocks(List.of(SlackBlocks.section(why))));
    }

    public static Optional<Context> readContext(String privateMetadata) {
        try {
            JsonNode node = JSON.readTree(privateMetadata);
            Optional<TicketId> id = TicketId.parse(node.path("ticket").asText(null));
            List<String> shots = new ArrayList<>();
            node.path("screenshots").forEach(s -> shots.add(s.asText()));
            return id.map(t -> new Context(t, node.path("revision").asInt(0), shots,
                    node.path("channel").asText(null)));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The answers of a submitted dialog, or what to fix in {@code words}' language. */
    public Reading read(ViewState state, Context context, Words words) {
        SubmittedView values = SubmittedView.of(state);
        Map<String, String> errors = new LinkedHashMap<>();
        String reach = values.choice(REACH);
        String impact = values.choice(IMPACT);
        String reproducible = values.choice(REPRODUCIBLE);
        String workaround = values.choice(WORKAROUND);
        String workaroundText = values.text(WORKAROUND_TEXT);
        if (reach == null) {
            errors.put(REACH, words.say("qualification.dialog.invalid.reach"));
        }
        if (impact == null || !knownImpact(impact)) {
            errors.put(IMPACT, words.say("qualification.dialog.invalid.impact"));
        }
        if (reproducible == null) {
            errors.put(REPRODUCIBLE, words.say("qualification.dialog.invalid.reproducible"));
        }
        if (workaround == null) {
            errors.put(WORKAROUND, words.say("qualification.dialog.invalid.workaround"));
        } else if ("yes".equals(workaround) && workaroundText == null) {
            errors.put(WORKAROUND_TEXT, words.say("qualification.dialog.invalid.workaround_text"));
        }
        if (!errors.isEmpty()) {
            return new Reading.Invalid(errors);
        }
        List<String> screenshots = new ArrayList<>(context.previousScreenshots());
        values.files(SCREENSHOTS).stream().map(File::getId).filter(id -> !screenshots.contains(id))
                .forEach(screenshots::add);
        String claimed = values.choice(CLAIMED);
        return new Reading.Valid(new Answers(values.text(STEPS), values.text(LOCATION), values.text(ERROR),
                screenshots, values.choice(ENVIRONMENT), Reach.fromCode(reach), Impact.fromCode(impact),
                Reproducibility.fromCode(reproducible), "yes".equals(workaround) ? workaroundText : null,
                claimed == null ? null : Priority.valueOf(claimed)));
    }

    /** The category chosen in a submitted dialog, or null. */
    public static Category category(ViewState state) {
        return Category.fromCode(SubmittedView.of(state).choice(CATEGORY)).orElse(null);
    }

    private boolean knownImpact(String code) {
        return List.of("function", "degraded", "request").contains(code)
                || (code.startsWith("essential:")
                && rules.essentialFunctions().contains(code.substring("essential:".length())));
    }

    private static String metadata(Context context) {
        var node = JSON.createObjectNode().put("ticket", context.ticket().toString())
                .put("revision", context.revision()).put("channel", context.channel());
        var shots = node.putArray("screenshots");
        context.previousScreenshots().forEach(shots::add);
        return node.toString();
    }

    /** A text question: its label is {@code key}, its placeholder {@code key.placeholder}, its hint {@code .hint}. */
    private static LayoutBlock text(Words words, String block, String key, boolean multiline, boolean hinted,
                                    String initial) {
        return input(i -> i.blockId(block).optional(true).label(plainText(words.say(key)))
                .hint(hinted ? plainText(words.say(key + ".hint")) : null)
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(multiline)
                        .placeholder(plainText(words.say(key + ".placeholder")))
                        .initialValue(SlackBlocks.initialValue(initial)))));
    }

    /** The answers {@code values}, each worded by {@code key.<value>}. */
    private static List<OptionObject> options(Words words, String key, List<String> values) {
        return values.stream().map(value -> SlackBlocks.option(words.say(key + "." + value), value)).toList();
    }

    /** A question with few answers, each shown; its label is the question's key ({@code block}'s). */
    private static LayoutBlock radio(Words words, String block, List<OptionObject> options, String initial) {
        BlockElement element = radioButtons(r -> r.actionId(VALUE).options(options)
                .initialOption(pick(options, initial)));
        return input(i -> i.blockId(block).label(plainText(words.say(label(block)))).element(element));
    }

    private static LayoutBlock select(Words words, String block, boolean optional, List<OptionObject> options,
                                      String initial) {
        List<OptionObject> shown = SlackBlocks.options(options);
        BlockElement element = staticSelect(s -> s.actionId(VALUE)
                .placeholder(plainText(words.say("qualification.dialog.choose")))
                .options(shown).initialOption(pick(shown, initial)));
        return input(i -> i.blockId(block).optional(optional).label(plainText(words.say(label(block))))
                .element(element));
    }

    /** The key of a question's label: {@code qualification.dialog.reach}. */
    private static String label(String block) {
        return "qualification.dialog." + block;
    }

    private static OptionObject pick(List<OptionObject> options, String value) {
        return value == null ? null : options.stream().filter(o -> o.getValue().equals(value)).findFirst().orElse(null);
    }

    private static String firstUrl(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL.matcher(text);
        return m.find() ? m.group() : null;
    }

}
