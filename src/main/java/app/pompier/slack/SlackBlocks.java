package app.pompier.slack;

import app.pompier.language.Words;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import app.pompier.language.Words;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * Slack's Block Kit limits, and the blocks and texts Pompier builds within them whatever people wrote: Slack
 * refuses a whole message or view for one block over a limit ({@code invalid_blocks}, {@code invalid_arguments},
 * {@code msg_too_long}), and nothing is posted. A text too long is cut at a clean place ({@link SlackText}); a
 * list too long for its message says how many more there are.
 */
public final class SlackBlocks {
    public static final int SECTION_TEXT = 3000;
    public static final int FIELDS = 10;
    public static final int FIELD_TEXT = 2000;
    public static final int CONTEXT_ELEMENTS = 10;
    public static final int HEADER_TEXT = 150;
    public static final int BUTTON_TEXT = 75;
    public static final int BUTTON_VALUE = 2000;
    public static final int OPTION_TEXT = 75;
    public static final int OPTION_VALUE = 150;
    public static final int OPTIONS = 100;
    public static final int PLACEHOLDER = 150;
    public static final int LABEL = 2000;
    /** An input's {@code max_length} when none is given, and the most it may be. */
    public static final int INPUT_VALUE = 3000;
    /** A modal's title, submit and close texts. */
    public static final int MODAL_TITLE = 24;
    public static final int MESSAGE_BLOCKS = 50;
    public static final int VIEW_BLOCKS = 100;
    public static final int MESSAGE_TEXT = 40_000;
    /** Slack keeps the first 250 characters of a channel topic. */
    public static final int TOPIC = 250;
    /** The longest place named after "… and 37 more: ". */
    private static final int WHERE = 200;

    private SlackBlocks() {
    }

    /** A section of Slack text, cut to fit. */
    public static SectionBlock section(String mrkdwn) {
        return section(mrkdwn, "");
    }

    /** A section of Slack text, cut to fit, the cut followed by {@code whenCut} (where the whole text is). */
    public static SectionBlock section(String mrkdwn, String whenCut) {
        String text = SlackText.fit(mrkdwn, SECTION_TEXT, whenCut);
        return SectionBlock.builder().text(markdownText(text)).build();
    }

    /** A section of fields (two columns), the first ten, each cut to fit. */
    public static SectionBlock fields(List<String> mrkdwn) {
        List<TextObject> fields = mrkdwn.stream().limit(FIELDS)
                .<TextObject>map(f -> markdownText(SlackText.fit(f, FIELD_TEXT))).toList();
        return SectionBlock.builder().fields(fields).build();
    }

    /** A context line of Slack text, cut to fit. */
    public static ContextBlock context(String mrkdwn) {
        return context(List.of(mrkdwn));
    }

    /** A context block of several texts, the first ten, each cut to fit. */
    public static ContextBlock context(List<String> mrkdwn) {
        List<ContextBlockElement> elements = mrkdwn.stream().limit(CONTEXT_ELEMENTS)
                .<ContextBlockElement>map(t -> markdownText(SlackText.fit(t, SECTION_TEXT))).toList();
        return ContextBlock.builder().elements(elements).build();
    }

    /** A header of plain text (emoji codes allowed), cut to fit. */
    public static HeaderBlock header(String plain) {
        return HeaderBlock.builder().text(plainText(SlackText.excerpt(plain, HEADER_TEXT), true)).build();
    }

    /** A button; {@code style} is null, "primary" or "danger". */
    public static ButtonElement button(String actionId, String value, String label, String style) {
        return ButtonElement.builder().actionId(actionId).value(SlackText.excerpt(value, BUTTON_VALUE))
                .text(plainText(SlackText.excerpt(label, BUTTON_TEXT))).style(style).build();
    }

    /** An option of a select or radio buttons. */
    public static OptionObject option(String label, String value) {
        return OptionObject.builder().text(plainText(SlackText.excerpt(label, OPTION_TEXT)))
                .value(SlackText.excerpt(value, OPTION_VALUE)).build();
    }

    /** The options a select can show: the first hundred. */
    public static List<OptionObject> options(List<OptionObject> options) {
        return options.size() <= OPTIONS ? options : List.copyOf(options.subList(0, OPTIONS));
    }

    /** A plain text placeholder, cut to fit. */
    public static PlainTextObject placeholder(String plain) {
        return plainText(SlackText.excerpt(plain, PLACEHOLDER));
    }

    /** A modal's title: {@code wording} when it fits, else {@code shorter}, cut if it must be. */
    public static ViewTitle title(String wording, String shorter) {
        String text = wording.length() <= MODAL_TITLE ? wording : SlackText.excerpt(shorter, MODAL_TITLE);
        return ViewTitle.builder().type("plain_text").text(text).build();
    }

    public static ViewTitle title(String wording) {
        return title(wording, wording);
    }

    public static ViewSubmit submit(String wording) {
        return ViewSubmit.builder().type("plain_text").text(SlackText.excerpt(wording, MODAL_TITLE)).build();
    }

    public static ViewClose close(String wording) {
        return ViewClose.builder().type("plain_text").text(SlackText.excerpt(wording, MODAL_TITLE)).build();
    }

    /** What an input shows filled in (plain text), within its default {@code max_length}; null stays null. */
    public static String initialValue(String plain) {
        return plain == null ? null : SlackText.excerpt(plain, INPUT_VALUE);
    }

    /** A message's {@code text} (what notifications show, or the whole message without blocks), cut to fit. */
    public static String messageText(String mrkdwn) {
        return SlackText.fit(mrkdwn, MESSAGE_TEXT);
    }

    /** A channel's topic, cut where Slack would. */
    public static String topic(String text) {
        return SlackText.fit(text, TOPIC);
    }

    /**
     * Lines as sections of at most {@code perSection} lines each, in at most {@code maxBlocks} sections; when they
     * do not all fit, the last says how many more there are, and {@code where} (null: nowhere) they are.
     */
    public static List<LayoutBlock> lines(Words words, List<String> lines, int perSection, int maxBlocks,
                                          String where) {
        return lines(words, lines, lines.size(), perSection, maxBlocks, where);
    }

    /**
     * The first lines of a list of {@code total}, drawn only as far as they can be shown, as sections: the count of
     * those left out includes the ones never drawn.
     */
    public static List<LayoutBlock> lines(Words words, List<String> first, int total, int perSection, int maxBlocks,
                                          String where) {
        List<LayoutBlock> blocks = new ArrayList<>();
        boolean undrawn = total > first.size();
        int from = 0;
        while (from < first.size() && blocks.size() < maxBlocks) {
            boolean last = blocks.size() == maxBlocks - 1;
            Packed packed = pack(words, first, total, from, perSection, "\n", SECTION_TEXT, last || undrawn, where);
            from += Math.max(1, packed.taken());
            boolean endsHere = last || from >= first.size();
            blocks.add(section(packed.text() + (endsHere && from < total ? "\n" + more(words, total - from, where) : "")));
        }
        return blocks;
    }

    /**
     * Items joined by {@code separator} in at most {@code max} characters; when they do not all fit, the last
     * words say how many more there are, and {@code where} (null: nowhere) they are.
     */
    public static String join(Words words, List<String> items, String separator, int max, String where) {
        Packed packed = pack(words, items, items.size(), 0, Integer.MAX_VALUE, separator, max, true, where);
        return packed.taken() < items.size()
                ? packed.text() + (packed.taken() == 0 ? "" : separator)
                + more(words, items.size() - packed.taken(), where)
                : packed.text();
    }

    /** "… and 37 more: `/ticket list p1`", "… et 37 autres : `/ticket liste p1`". */
    static String more(Words words, int count, String where) {
        return where == null ? words.say("shared.more", "count", count)
                : words.say("shared.more_where", "count", count, "where", SlackText.fit(where, WHERE));
    }

    private record Packed(String text, int taken) {
    }

    /**
     * Takes items from {@code from}, at most {@code most}, while they fit in {@code max}; with {@code reserve}, room
     * is kept for the words that count the items left out (of {@code total}, some perhaps never drawn).
     */
    private static Packed pack(Words words, List<String> items, int total, int from, int most, String separator, int max,
                               boolean reserve, String where) {
        int end = (int) Math.min(items.size(), (long) from + most);
        int room = reserve ? separator.length() + more(words, total, where).length() : 0;
        StringBuilder text = new StringBuilder();
        int next = from;
        for (; next < end; next++) {
            String between = next == from ? "" : separator;
            int left = max - text.length() - between.length() - (next < total - 1 ? room : 0);
            String item = items.get(next);
            if (next == from && item.length() > left) {
                item = SlackText.fit(item, Math.max(left, 1));
            }
            if (item.length() > left) {
                break;
            }
            text.append(between).append(item);
        }
        return new Packed(text.toString(), next - from);
    }
}
