package app.pompier.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON Slack sends, built field by field as Slack's documentation shows it. */
public final class SlackPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayloads() {
    }

    /** An event_callback envelope around {@code event}. */
    public static String callback(String eventId, ObjectNode event) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("token", "legacy-token")
                .put("team_id", FakeSlack.TEAM)
                .put("api_app_id", "A0POMPIER")
                .put("type", "event_callback")
                .put("event_id", eventId)
                .put("event_time", 1_800_000_000);
        envelope.set("event", event);
        return envelope.toString();
    }

    public static ObjectNode message(String channel, String user, String ts, String text) {
        return JSON.createObjectNode().put("type", "message").put("channel", channel).put("user", user)
                .put("text", text).put("ts", ts).put("event_ts", ts).put("channel_type", "channel");
    }

    public static ObjectNode threadReply(String channel, String user, String ts, String threadTs, String text) {
        return message(channel, user, ts, text).put("thread_ts", threadTs);
    }

    public static ObjectNode botMessage(String channel, String ts, String text) {
        return JSON.createObjectNode().put("type", "message").put("channel", channel).put("bot_id", "BOTHER01")
                .put("text", text).put("ts", ts).put("event_ts", ts);
    }

    public static ObjectNode edit(String channel, String ts, String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "message").put("subtype", "message_changed")
                .put("channel", channel).put("ts", ts + "1").put("event_ts", ts + "1");
        event.putObject("message").put("type", "message").put("user", "UREPORTER").put("text", text).put("ts", ts);
        return event;
    }

    public static ObjectNode join(String channel, String user, String ts) {
        return JSON.createObjectNode().put("type", "message").put("subtype", "channel_join").put("channel", channel)
                .put("user", user).put("text", "<@" + user + "> has joined the channel").put("ts", ts);
    }

    public static ObjectNode mention(String channel, String user, String ts, String threadTs, String text) {
        ObjectNode event = JSON.createObjectNode().put("type", "app_mention").put("channel", channel)
                .put("user", user).put("text", "<@" + FakeSlack.BOT_USER + "> " + text).put("ts", ts)
                .put("event_ts", ts);
        if (threadTs != null) {
            event.put("thread_ts", threadTs);
        }
        return event;
    }

    public static ObjectNode reaction(String reactor, String reaction, String channel, String ts, String itemUser) {
        ObjectNode event = JSON.createObjectNode().put("type", "reaction_added").put("user", reactor)
                .put("reaction", reaction).put("item_user", itemUser).put("event_ts", "1800000999.000001");
        event.putObject("item").put("type", "message").put("channel", channel).put("ts", ts);
        return event;
    }

    /** The message shortcut "Create ticket" clicked on a message. */
    public static String createTicketShortcut(String clicker, String channel, String ts, String author, String text) {
        ObjectNode payload = JSON.createObjectNode().put("type", "message_action").put("callback_id", "create_ticket")
                .put("trigger_id", "1337.42.abcd").put("message_ts", ts).put("action_ts", "1800000001.000002")
                .put("response_url", "https://hooks.slack.invalid/actions/T/1/x").put("token", "legacy-token");
        payload.putObject("team").put("id", FakeSlack.TEAM).put("domain", "pompier-test");
        payload.putObject("user").put("id", clicker).put("name", "someone");
        payload.putObject("channel").put("id", channel).put("name", "support");
        payload.putObject("message").put("type", "message").put("user", author).put("text", text).put("ts", ts);
        return payload.toString();
    }

    public static ObjectNode unknownEvent() {
        return JSON.createObjectNode().put("type", "pin_added").put("user", "UREPORTER").put("channel_id", "C0SUPPORT");
    }
}
