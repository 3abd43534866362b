package app.pompier.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack's Block Kit limits as Slack checks them, written out here apart from Pompier's own code so that a test
 * does not take Pompier's word for them: the fake Slack refuses a call that breaks one, and a test can check what
 * a builder drew. Lengths are counted in UTF-16 units, which counts an emoji as two: never more lenient than Slack.
 */
public final class BlockKitLimits {
    public static final String INVALID_BLOCKS = "invalid_blocks";
    public static final String INVALID_ARGUMENTS = "invalid_arguments";
    public static final String MSG_TOO_LONG = "msg_too_long";
    public static final String TOO_LONG = "too_long";

    /** The methods whose arguments the fake checks. */
    public static final Set<String> MESSAGE_METHODS = Set.of("chat.postMessage", "chat.update", "chat.postEphemeral");
    public static final Set<String> VIEW_METHODS = Set.of("views.open", "views.update", "views.push", "views.publish");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    private BlockKitLimits() {
    }

    /** One limit broken: the error Slack answers for it, and where it is. */
    public record Problem(String error, String where) {
        @Override
        public String toString() {
            return error + " at " + where;
        }
    }

    /** What Slack answers a call that breaks a limit; empty when it takes it. */
    public static Optional<String> refusal(String method, Map<String, String> params) {
        List<Problem> problems;
        try {
            if (MESSAGE_METHODS.contains(method)) {
                problems = message(params.get("text"), parse(params.get("blocks")));
            } else if (VIEW_METHODS.contains(method)) {
                problems = view(parse(params.get("view")));
            } else if (method.equals("conversations.setTopic")) {
                problems = topic(params.get("topic"));
            } else {
                return Optional.empty();
            }
        } catch (UncheckedIOException e) {
            return Optional.of("invalid_blocks_format");
        }
        return problems.stream().map(Problem::error).findFirst();
    }

    /** A message: its text, and its blocks as Slack receives them (null: none). */
    public static List<Problem> message(String text, JsonNode blocks) {
        List<Problem> problems = new ArrayList<>();
        if (text != null && text.length() > 40_000) {
            problems.add(new Problem(MSG_TOO_LONG, "text: " + text.length() + " characters > 40000"));
        }
        blocks(blocks, 50, false, problems);
        return problems;
    }

    public static List<Problem> message(String text, List<LayoutBlock> blocks) {
        return message(text, blocks == null ? null : toJson(blocks));
    }

    /** A modal or a Home tab as Slack receives it. */
    public static List<Problem> view(JsonNode view) {
        List<Problem> problems = new ArrayList<>();
        if (view == null) {
            problems.add(new Problem(INVALID_ARGUMENTS, "view: missing"));
            return problems;
        }
        if ("modal".equals(view.path("type").asText())) {
            length(view.path("title"), "title", 1, 24, INVALID_ARGUMENTS, problems);
            for (String button : List.of("submit", "close")) {
                if (view.has(button)) {
                    length(view.path(button), button, 1, 24, INVALID_ARGUMENTS, problems);
                }
            }
        }
        atMost(view.path("private_metadata").asText(""), "private_metadata", 3000, INVALID_ARGUMENTS, problems);
        atMost(view.path("callback_id").asText(""), "callback_id", 255, INVALID_ARGUMENTS, problems);
        blocks(view.get("blocks"), 100, true, problems);
        return problems;
    }

    public static List<Problem> view(View view) {
        return view(toJson(view));
    }

    /** Blocks alone, at most {@code most} of them (50 in a message, 100 in a view). */
    public static List<Problem> blocks(List<LayoutBlock> blocks, int most) {
        List<Problem> problems = new ArrayList<>();
        blocks(toJson(blocks), most, false, problems);
        return problems;
    }

    /** A channel topic. */
    public static List<Problem> topic(String topic) {
        List<Problem> problems = new ArrayList<>();
        atMost(topic == null ? "" : topic, "topic", 250, TOO_LONG, problems);
        return problems;
    }

    private static void blocks(JsonNode blocks, int most, boolean inView, List<Problem> problems) {
        if (blocks == null || blocks.isNull() || blocks.isMissingNode()) {
            return;
        }
        if (blocks.size() > most) {
            problems.add(new Problem(INVALID_BLOCKS, "blocks: " + blocks.size() + " > " + most));
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "blocks[" + i + "]", inView, problems);
        }
    }

    private static void block(JsonNode block, String where, boolean inView, List<Problem> problems) {
        String type = block.path("type").asText();
        where = where + "(" + type + ")";
        atMost(block.path("block_id").asText(""), where + ".block_id", 255, INVALID_BLOCKS, problems);
        switch (type) {
            case "section" -> {
                if (!block.has("text") && !block.has("fields")) {
                    problems.add(new Problem(INVALID_BLOCKS, where + ": neither text nor fields"));
                }
                if (block.has("text")) {
                    length(block.get("text"), where + ".text", 1, 3000, INVALID_BLOCKS, problems);
                }
                JsonNode fields = block.path("fields");
                if (fields.size() > 10) {
                    problems.add(new Problem(INVALID_BLOCKS, where + ".fields: " + fields.size() + " > 10"));
                }
                for (int i = 0; i < fields.size(); i++) {
                    length(fields.get(i), where + ".fields[" + i + "]", 1, 2000, INVALID_BLOCKS, problems);
                }
                if (block.has("accessory")) {
                    element(block.get("accessory"), where + ".accessory", inView, problems);
                }
            }
            case "header" -> length(block.path("text"), where + ".text", 1, 150, INVALID_BLOCKS, problems);
            case "context" -> {
                JsonNode elements = block.path("elements");
                if (elements.isEmpty() || elements.size() > 10) {
                    problems.add(new Problem(INVALID_BLOCKS, where + ".elements: " + elements.size()
                            + ", not 1 to 10"));
                }
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i).has("text")) {
                        length(elements.get(i), where + ".elements[" + i + "]", 1, 3000, INVALID_BLOCKS, problems);
                    }
                }
            }
            case "actions" -> {
                JsonNode elements = block.path("elements");
                if (elements.isEmpty() || elements.size() > 25) {
                    problems.add(new Problem(INVALID_BLOCKS, where + ".elements: " + elements.size()
                            + ", not 1 to 25"));
                }
                for (int i = 0; i < elements.size(); i++) {
                    element(elements.get(i), where + ".elements[" + i + "]", inView, problems);
                }
            }
            case "input" -> {
                length(block.path("label"), where + ".label", 1, 2000, INVALID_BLOCKS, problems);
                if (block.has("hint")) {
                    length(block.get("hint"), where + ".hint", 1, 2000, INVALID_BLOCKS, problems);
                }
                element(block.path("element"), where + ".element", inView, problems);
            }
            default -> {
                // divider, image and the rest: nothing Pompier writes into.
            }
        }
    }

    private static void element(JsonNode element, String where, boolean inView, List<Problem> problems) {
        String type = element.path("type").asText();
        where = where + "(" + type + ")";
        atMost(element.path("action_id").asText(""), where + ".action_id", 255, INVALID_BLOCKS, problems);
        if (element.has("placeholder")) {
            length(element.get("placeholder"), where + ".placeholder", 1, 150, INVALID_BLOCKS, problems);
        }
        switch (type) {
            case "button" -> {
                length(element.path("text"), where + ".text", 1, 75, INVALID_BLOCKS, problems);
                atMost(element.path("value").asText(""), where + ".value", 2000, INVALID_BLOCKS, problems);
                atMost(element.path("url").asText(""), where + ".url", 3000, INVALID_BLOCKS, problems);
            }
            case "static_select", "multi_static_select" -> options(element, where, 100, problems);
            case "radio_buttons", "checkboxes" -> options(element, where, 10, problems);
            case "plain_text_input" -> {
                int max = element.path("max_length").asInt(3000);
                if (max > 3000) {
                    problems.add(new Problem(INVALID_BLOCKS, where + ".max_length: " + max + " > 3000"));
                }
                String initial = element.path("initial_value").asText("");
                if (initial.length() > Math.min(max, 3000)) {
                    problems.add(new Problem(inView ? INVALID_ARGUMENTS : INVALID_BLOCKS, where + ".initial_value: "
                            + initial.length() + " > " + Math.min(max, 3000)));
                }
            }
            default -> {
                // date pickers, file inputs: nothing Pompier writes into.
            }
        }
    }

    private static void options(JsonNode element, String where, int most, List<Problem> problems) {
        JsonNode options = element.path("options");
        if (options.isEmpty() || options.size() > most) {
            problems.add(new Problem(INVALID_BLOCKS, where + ".options: " + options.size() + ", not 1 to " + most));
        }
        for (int i = 0; i < options.size(); i++) {
            option(options.get(i), where + ".options[" + i + "]", problems);
        }
        if (element.has("initial_option")) {
            option(element.get("initial_option"), where + ".initial_option", problems);
        }
    }

    private static void option(JsonNode option, String where, List<Problem> problems) {
        length(option.path("text"), where + ".text", 1, 75, INVALID_BLOCKS, problems);
        atMost(option.path("value").asText(""), where + ".value", 150, INVALID_BLOCKS, problems);
    }

    /** A text object ({@code {"type":…,"text":…}}) of {@code least} to {@code most} characters. */
    private static void length(JsonNode textObject, String where, int least, int most, String error,
                               List<Problem> problems) {
        String text = textObject.path("text").asText("");
        if (text.length() < least || text.length() > most) {
            problems.add(new Problem(error, where + ": " + text.length() + " characters, not " + least + " to " + most));
        }
    }

    private static void atMost(String text, String where, int most, String error, List<Problem> problems) {
        if (text.length() > most) {
            problems.add(new Problem(error, where + ": " + text.length() + " characters > " + most));
        }
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** Blocks or a view as the SDK sends them to Slack. */
    private static JsonNode toJson(Object blocksOrView) {
        return parse(SLACK_JSON.toJson(blocksOrView));
    }
}
