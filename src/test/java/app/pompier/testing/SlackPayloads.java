package app.pompier.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON Slack sends, built field by field as Slack's documentation shows it. */
public final class SlackPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayloads() {
    }

    /** The ts of the n-th test message: 1800000000.00000n. */
    public static String ts(int n) {
        return "1800000000." + String.format("%06d", n);
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

    /** Slack says members were added to or removed from a user group (only the change, not the members). */
    public static ObjectNode subteamMembersChanged(String group, java.util.List<String> added,
                                                   java.util.List<String> removed) {
        ObjectNode event = JSON.createObjectNode().put("type", "subteam_members_changed").put("subteam_id", group)
                .put("team_id", FakeSlack.TEAM).put("date_previous_update", 1_799_999_000)
                .put("date_update", 1_800_000_000).put("added_users_count", added.size())
                .put("removed_users_count", removed.size()).put("event_ts", "1800000000.000900");
        added.forEach(event.putArray("added_users")::add);
        removed.forEach(event.putArray("removed_users")::add);
        return event;
    }

    /** Slack says a user group changed, with its members (what an app with usergroups:read is sent). */
    public static ObjectNode subteamUpdated(String group, String handle, java.util.List<String> users) {
        ObjectNode event = JSON.createObjectNode().put("type", "subteam_updated").put("event_ts", "1800000000.000901");
        ObjectNode subteam = event.putObject("subteam").put("id", group).put("team_id", FakeSlack.TEAM)
                .put("is_usergroup", true).put("is_subteam", true).put("name", handle).put("handle", handle)
                .put("user_count", users.size());
        users.forEach(subteam.putArray("users")::add);
        return event;
    }

    public static ObjectNode unknownEvent() {
        return JSON.createObjectNode().put("type", "pin_added").put("user", "UREPORTER").put("channel_id", "C0SUPPORT");
    }

    /** A click on a button of a message in a thread. */
    public static String buttonClick(String user, String channel, String threadTs, String actionId, String value) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0POMPIER")
                .put("token", "legacy-token").put("trigger_id", "1337.42.click").put("response_url",
                        "https://hooks.slack.invalid/actions/T/2/y");
        payload.putObject("team").put("id", FakeSlack.TEAM).put("domain", "pompier-test");
        payload.putObject("user").put("id", user).put("name", "someone").put("team_id", FakeSlack.TEAM);
        payload.putObject("container").put("type", "message").put("message_ts", "1800000001.000001")
                .put("channel_id", channel).put("is_ephemeral", false).put("thread_ts", threadTs);
        payload.putObject("channel").put("id", channel).put("name", "support");
        payload.putArray("actions").addObject().put("action_id", actionId).put("block_id", "ticket_actions")
                .put("value", value).put("type", "button").put("action_ts", "1800000002.000001")
                .putObject("text").put("type", "plain_text").put("text", "Qualify");
        return payload.toString();
    }

    /** The modal submitted by {@code user} with the given state values (see {@link Form}). */
    public static String viewSubmission(String user, String viewId, String callbackId, String privateMetadata,
                                        Form form) {
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A0POMPIER")
                .put("token", "legacy-token").put("trigger_id", "1337.42.submit");
        payload.putObject("team").put("id", FakeSlack.TEAM).put("domain", "pompier-test");
        payload.putObject("user").put("id", user).put("name", "someone").put("team_id", FakeSlack.TEAM);
        ObjectNode view = payload.putObject("view").put("id", viewId).put("team_id", FakeSlack.TEAM)
                .put("type", "modal").put("callback_id", callbackId).put("private_metadata", privateMetadata)
                .put("hash", "156772938.1827394").put("app_id", "A0POMPIER").put("bot_id", "BPOMPIER1");
        view.putObject("state").set("values", form.values);
        return payload.toString();
    }

    /** A slash command as Slack posts it. */
    public static java.util.Map<String, String> slashCommand(String user, String channel, String command,
                                                             String text) {
        java.util.Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("token", "legacy-token");
        form.put("team_id", FakeSlack.TEAM);
        form.put("team_domain", "pompier-test");
        form.put("channel_id", channel);
        form.put("channel_name", "support");
        form.put("user_id", user);
        form.put("user_name", "someone");
        form.put("command", command);
        form.put("text", text);
        form.put("response_url", "https://hooks.slack.invalid/commands/T/3/z");
        form.put("trigger_id", "1337.42.command");
        return form;
    }

    /** The state of a submitted modal, block by block, as Slack sends it. */
    public static final class Form {
        final ObjectNode values = JSON.createObjectNode();

        public Form text(String block, String value) {
            values.putObject(block).putObject("value").put("type", "plain_text_input").put("value", value);
            return this;
        }

        public Form radio(String block, String value) {
            return option(block, "radio_buttons", value);
        }

        public Form select(String block, String value) {
            return option(block, "static_select", value);
        }

        public Form dateTime(String block, long epochSeconds) {
            values.putObject(block).putObject("value").put("type", "datetimepicker")
                    .put("selected_date_time", epochSeconds);
            return this;
        }

        public Form files(String block, String... ids) {
            var files = values.putObject(block).putObject("value").put("type", "file_input").putArray("files");
            for (String id : ids) {
                files.addObject().put("id", id).put("name", id + ".png").put("mimetype", "image/png");
            }
            return this;
        }

        private Form option(String block, String type, String value) {
            ObjectNode v = values.putObject(block).putObject("value").put("type", type);
            v.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text")
                    .put("text", value);
            return this;
        }
    }
}
