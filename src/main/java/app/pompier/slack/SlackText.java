package app.pompier.slack;

/**
 * Text between people and Slack. Slack sends user text with {@code &}, {@code <}, {@code >} encoded and
 * mentions as {@code <!channel>}; we store the plain text and escape it again whenever we echo it, so a
 * report can never make Pompier ping a channel or forge a link.
 */
public final class SlackText {
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

    /** At most {@code max} characters, cut on a word where possible, with an ellipsis when cut. */
    public static String excerpt(String plain, int max) {
        if (plain == null) {
            return "";
        }
        String text = plain.strip();
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /** Removes Pompier's own mention from a message that called it, so the report reads as written. */
    public static String withoutMention(String slackText, String botUserId) {
        if (slackText == null || botUserId == null) {
            return slackText;
        }
        return slackText.replace("<@" + botUserId + ">", "").strip();
    }
}
