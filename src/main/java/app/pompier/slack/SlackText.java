package app.pompier.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * Text between people and Slack. Slack sends user text with {@code &}, {@code <}, {@code >} encoded and
 * mentions as {@code <!channel>}; we store the plain text and escape it again whenever we echo it, so a
 * report can never make Pompier ping a channel or forge a link. Text too long for where it goes is cut here, at
 * a place a reader expects a cut: the end of a line, else between words, never inside an escape, a link or a
 * mention, nor between the two halves of an emoji.
 */
public final class SlackText {
    /** What ends a cut text. */
    public static final String ELLIPSIS = "…";
    private static final String FENCE = "```";
    /** The longest escape Slack knows is {@code &amp;}; anything longer after an {@code &} is not one. */
    private static final int LONGEST_ESCAPE = 6;

    private SlackText() {
    }

    /** Slack's encoded message text to what the person typed. */
    public static String plain(String slackText) {
        if (slackText == null) {
            return null;
        }
        return slackText.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Plain text made safe to put in a Slack message: no mention, link or command survives. */
    public static String escape(String plain) {
        if (plain == null) {
            return "";
        }
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Plain text (a {@code plain_text} object, an input's value) of at most {@code max} characters, cut at a clean
     * place with an ellipsis when cut.
     */
    public static String excerpt(String plain, int max) {
        if (plain == null) {
            return "";
        }
        return cut(plain.strip(), max, "", false);
    }

    /** What a person wrote, escaped, in at most {@code max} characters once escaped. */
    public static String escapedExcerpt(String plain, int max) {
        return fit(escape(plain == null ? null : plain.strip()), max);
    }

    /** Slack text (escaped, with its links and mentions) in at most {@code max} characters. */
    public static String fit(String slackText, int max) {
        return fit(slackText, max, "");
    }

    /**
     * Slack text in at most {@code max} characters; when it must be cut, the ellipsis is followed by
     * {@code whenCut} (where the whole text is, such as a link to the original message).
     */
    public static String fit(String slackText, int max, String whenCut) {
        if (slackText == null) {
            return "";
        }
        return cut(slackText, max, whenCut == null ? "" : whenCut, true);
    }

    /**
     * Slack text in pieces of at most {@code max} characters that, read one after the other, give the whole: each
     * cut at a clean place, a code block cut in two closed at the end of one piece and opened again in the next.
     */
    public static List<String> split(String slackText, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = slackText == null ? "" : slackText;
        boolean reopen = false;
        while (true) {
            String text = reopen ? FENCE + rest : rest;
            if (text.length() <= max) {
                pieces.add(text);
                return pieces;
            }
            int from = reopen ? FENCE.length() : 0;
            int at = cleanCut(text, max - FENCE.length(), true);
            if (at <= from) {
                at = safeBefore(text, max - FENCE.length(), false);
            }
            String piece = text.substring(0, at).stripTrailing();
            reopen = openFence(piece);
            pieces.add(reopen ? piece + FENCE : piece);
            rest = text.substring(at);
            if (rest.startsWith("\n") || rest.startsWith(" ")) {
                rest = rest.substring(1);
            }
        }
    }

    /** Removes Pompier's own mention from a message that called it, so the report reads as written. */
    public static String withoutMention(String slackText, String botUserId) {
        if (slackText == null || botUserId == null) {
            return slackText;
        }
        return slackText.replace("<@" + botUserId + ">", "").strip();
    }

    private static String cut(String text, int max, String whenCut, boolean markup) {
        if (text.length() <= max) {
            return text;
        }
        String tail = ELLIPSIS + (whenCut.length() + ELLIPSIS.length() <= max / 2 ? whenCut : "");
        String kept = kept(text, max - tail.length(), markup);
        if (markup && openFence(kept)) {
            kept = kept(text, max - tail.length() - FENCE.length(), true);
            if (openFence(kept)) {
                return kept + ELLIPSIS + FENCE + tail.substring(ELLIPSIS.length());
            }
        }
        return kept + tail;
    }

    /** The start of {@code text} kept when it is cut to {@code room} characters. */
    private static String kept(String text, int room, boolean markup) {
        int at = cleanCut(text, Math.max(0, room), markup);
        String kept = text.substring(0, at).stripTrailing();
        return kept.isEmpty() ? text.substring(0, safeBefore(text, Math.max(0, room), false)) : kept;
    }

    /**
     * Where to cut {@code text} so that at most {@code room} characters are kept: the end of a line, else a space,
     * in the second half of the room; else as late as possible. Never inside an escape, a link or a mention
     * ({@code markup}), nor between the two halves of a surrogate pair.
     */
    private static int cleanCut(String text, int room, boolean markup) {
        if (text.length() <= room) {
            return text.length();
        }
        int line = text.lastIndexOf('\n', room);
        if (line >= room / 2 && line > 0 && safeBefore(text, line, markup) == line) {
            return line;
        }
        for (int at = room; at >= room / 2 && at > 0; at--) {
            if (Character.isWhitespace(text.charAt(at)) && safeBefore(text, at, markup) == at) {
                return at;
            }
        }
        return safeBefore(text, room, markup);
    }

    /** The latest place at or before {@code at} where {@code text} can be cut without breaking anything in it. */
    private static int safeBefore(String text, int at, boolean markup) {
        int p = Math.min(at, text.length());
        while (p > 0 && p < text.length()) {
            if (Character.isLowSurrogate(text.charAt(p)) && Character.isHighSurrogate(text.charAt(p - 1))) {
                p--;
                continue;
            }
            if (markup) {
                int open = text.lastIndexOf('<', p - 1);
                if (open >= 0 && text.lastIndexOf('>', p - 1) < open && text.indexOf('>', p) >= 0) {
                    p = open;
                    continue;
                }
                int amp = text.lastIndexOf('&', p - 1);
                int semi = text.indexOf(';', p);
                if (amp >= 0 && p - amp < LONGEST_ESCAPE && text.lastIndexOf(';', p - 1) < amp && semi >= 0
                        && semi - amp < LONGEST_ESCAPE) {
                    p = amp;
                    continue;
                }
            }
            return p;
        }
        return Math.max(p, 0);
    }

    /** Whether a code block is opened in {@code text} and not closed. */
    private static boolean openFence(String text) {
        int count = 0;
        for (int at = text.indexOf(FENCE); at >= 0; at = text.indexOf(FENCE, at + FENCE.length())) {
            count++;
        }
        return count % 2 == 1;
    }
}
