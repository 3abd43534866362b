package app.pompier.qualification.slack;

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

    /** Which ticket, and which qualification revision the dialog was opened on. */
    public record Context(TicketId ticket, int revision, List<String> previousScreenshots) {
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

    public View build(Ticket ticket, Optional<Answers> previous) {
        Answers a = previous.orElse(null);
        String location = a != null ? a.location() : firstUrl(ticket.text());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.context("*" + ticket.id() + "* · " + SlackText.escapedExcerpt(ticket.text(), 200)));
        blocks.add(text(STEPS, "Steps to reproduce", "1. Open … 2. Click … 3. …", true,
                "Which buttons you click, in order.", a == null ? null : a.steps()));
        blocks.add(text(LOCATION, "Where in the application", "Module, page or URL", false,
                null, location));
        blocks.add(text(ERROR, "Exact error message", "Copy the message as shown", true, null,
                a == null ? null : a.errorMessage()));
        List<String> shots = a == null ? List.of() : a.screenshots();
        blocks.add(input(i -> i.blockId(SCREENSHOTS).optional(true).label(plainText("Screenshot"))
                .hint(shots.isEmpty() ? null : plainText(shots.size() + " screenshot(s) already attached are kept."))
                .element(fileInput(f -> f.actionId(VALUE).maxFiles(5)
                        .filetypes(List.of("png", "jpg", "jpeg", "gif", "webp", "pdf"))))));
        blocks.add(select(ENVIRONMENT, "Environment", true, List.of(
                SlackBlocks.option("Production", "production"),
                SlackBlocks.option("Pre-production / staging", "staging"),
                SlackBlocks.option("Test / acceptance", "test"),
                SlackBlocks.option("Other", "other")), a == null ? null : a.environment()));
        blocks.add(radio(REACH, "Who is affected?", List.of(
                SlackBlocks.option("One user", Reach.ONE_USER.code()),
                SlackBlocks.option("Several users", Reach.SEVERAL_USERS.code()),
                SlackBlocks.option("A whole team or site", Reach.TEAM_OR_SITE.code()),
                SlackBlocks.option("All customers", Reach.ALL_CUSTOMERS.code())),
                a == null ? null : a.reach().code()));
        List<OptionObject> impacts = new ArrayList<>();
        // The three answers below always fit: the team's essential functions give way first.
        for (String function : rules.essentialFunctions().stream().limit(SlackBlocks.OPTIONS - 3).toList()) {
            impacts.add(SlackBlocks.option("Cannot " + function, "essential:" + function));
        }
        impacts.add(SlackBlocks.option("Another function does not work", "function"));
        impacts.add(SlackBlocks.option("It works, but wrongly, slowly or looks wrong", "degraded"));
        impacts.add(SlackBlocks.option("A question or a request", "request"));
        blocks.add(select(IMPACT, "What can no longer be done?", false, impacts,
                a == null ? null : a.impact().code()));
        blocks.add(radio(REPRODUCIBLE, "Does it happen again when you retry?", List.of(
                SlackBlocks.option("Every time", Reproducibility.ALWAYS.code()),
                SlackBlocks.option("Sometimes", Reproducibility.SOMETIMES.code()),
                SlackBlocks.option("It happened once", Reproducibility.ONCE.code())),
                a == null ? null : a.reproducibility().code()));
        blocks.add(radio(WORKAROUND, "Is there a way to work around it?", List.of(
                SlackBlocks.option("No workaround", "none"),
                SlackBlocks.option("Yes (describe it below)", "yes")),
                a == null ? null : (a.hasWorkaround() ? "yes" : "none")));
        blocks.add(text(WORKAROUND_TEXT, "The workaround", "How people get their work done meanwhile", false,
                null, a == null ? null : a.workaround()));
        blocks.add(select(CATEGORY, "What kind of problem is it? (optional)", true, Arrays.stream(Category.values())
                .map(c -> SlackBlocks.option(c.description(), c.code())).toList(), ticket.category()));
        blocks.add(select(CLAIMED, "The priority you claim (optional)", true, List.of(
                SlackBlocks.option("P1 — blocking, no workaround", "P1"),
                SlackBlocks.option("P2 — a function is broken", "P2"),
                SlackBlocks.option("P3 — anything else", "P3")),
                a == null || a.claimed() == null ? null : a.claimed().name()));
        String metadata = metadata(new Context(ticket.id(), ticket.qualificationRevision(), shots));
        return view(v -> v.type("modal").callbackId(CALLBACK_ID).privateMetadata(metadata)
                .title(SlackBlocks.title("Qualify " + ticket.id(), ticket.id().toString()))
                .submit(SlackBlocks.submit("Submit"))
                .close(SlackBlocks.close("Cancel"))
                .blocks(blocks));
    }

    /** A modal that only says why the dialog could not be recorded. */
    public static View refusal(String title, String why) {
        return view(v -> v.type("modal").title(SlackBlocks.title(title))
                .close(SlackBlocks.close("Close"))
                .blocks(List.of(SlackBlocks.section(why))));
    }

    public static Optional<Context> readContext(String privateMetadata) {
        try {
            JsonNode node = JSON.readTree(privateMetadata);
            Optional<TicketId> id = TicketId.parse(node.path("ticket").asText(null));
            List<String> shots = new ArrayList<>();
            node.path("screenshots").forEach(s -> shots.add(s.asText()));
            return id.map(t -> new Context(t, node.path("revision").asInt(0), shots));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public Reading read(ViewState state, Context context) {
        SubmittedView values = SubmittedView.of(state);
        Map<String, String> errors = new LinkedHashMap<>();
        String reach = values.choice(REACH);
        String impact = values.choice(IMPACT);
        String reproducible = values.choice(REPRODUCIBLE);
        String workaround = values.choice(WORKAROUND);
        String workaroundText = values.text(WORKAROUND_TEXT);
        if (reach == null) {
            errors.put(REACH, "Choose who is affected: one user, several, a team or site, or all customers.");
        }
        if (impact == null || !knownImpact(impact)) {
            errors.put(IMPACT, "Choose what can no longer be done.");
        }
        if (reproducible == null) {
            errors.put(REPRODUCIBLE, "Say whether it happens again when you retry.");
        }
        if (workaround == null) {
            errors.put(WORKAROUND, "Say whether there is a workaround.");
        } else if ("yes".equals(workaround) && workaroundText == null) {
            errors.put(WORKAROUND_TEXT, "Describe the workaround, or answer that there is none.");
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
        var node = JSON.createObjectNode().put("ticket", context.ticket().toString()).put("revision", context.revision());
        var shots = node.putArray("screenshots");
        context.previousScreenshots().forEach(shots::add);
        return node.toString();
    }

    private static LayoutBlock text(String block, String label, String placeholder, boolean multiline, String hint,
                                    String initial) {
        return input(i -> i.blockId(block).optional(true).label(plainText(label))
                .hint(hint == null ? null : plainText(hint))
                .element(plainTextInput(p -> p.actionId(VALUE).multiline(multiline).placeholder(plainText(placeholder))
                        .initialValue(SlackBlocks.initialValue(initial)))));
    }

    private static LayoutBlock radio(String block, String label, List<OptionObject> options, String initial) {
        BlockElement element = radioButtons(r -> r.actionId(VALUE).options(options)
                .initialOption(pick(options, initial)));
        return input(i -> i.blockId(block).label(plainText(label)).element(element));
    }

    private static LayoutBlock select(String block, String label, boolean optional, List<OptionObject> options,
                                      String initial) {
        List<OptionObject> shown = SlackBlocks.options(options);
        BlockElement element = staticSelect(s -> s.actionId(VALUE).placeholder(plainText("Choose"))
                .options(shown).initialOption(pick(shown, initial)));
        return input(i -> i.blockId(block).optional(optional).label(plainText(label)).element(element));
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
