package app.pompier.slack;

import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who Pompier is in the workspace (from {@code auth.test}), the channels it is told to watch, and the
 * lead channel (null when the team has none); {@code channelLanguages} are the languages of the channels that
 * speak another than the team's, by channel id.
 */
public record SlackWorkspace(String teamId, String botUserId, String botId, Set<String> watchedChannelIds,
                             String leadChannelId, String stakeholderChannelId, String opsChannelId,
                             Map<String, String> channelLanguages) {
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{6,}");

    /** Thrown when the workspace does not match the configuration; the message says what to change. */
    public static final class Mismatch extends RuntimeException {
        public Mismatch(String message) {
            super(message);
        }
    }

    /**
     * Asks Slack who the token belongs to and turns watched channel names into ids.
     *
     * @throws Mismatch when the token is refused or a watched channel cannot be found
     */
    public static SlackWorkspace discover(SlackGateway slack, List<String> watched, String leadChannel,
                                          String stakeholderChannel, String opsChannel,
                                          Map<String, String> languages) {
        AuthTestResponse auth = slack.call("auth.test", m -> m.authTest(r -> r));
        if (!auth.isOk()) {
            throw new Mismatch("Slack refused SLACK_BOT_TOKEN (auth.test answered '" + auth.getError()
                    + "'); copy the Bot User OAuth Token from your Slack app's 'OAuth & Permissions' page,"
                    + " and reinstall the app if it was revoked");
        }
        List<String> wanted = new ArrayList<>(watched);
        if (leadChannel != null) {
            wanted.add(leadChannel);
        }
        if (stakeholderChannel != null) {
            wanted.add(stakeholderChannel);
        }
        if (opsChannel != null) {
            wanted.add(opsChannel);
        }
        wanted.addAll(languages.keySet());
        Map<String, String> resolved = channelIds(slack, wanted);
        Set<String> watchedIds = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String channel : watched) {
            if (resolved.containsKey(channel)) {
                watchedIds.add(resolved.get(channel));
            } else {
                missing.add(channel);
            }
        }
        String hint = "; check the spelling, invite Pompier to a private channel (/invite @Pompier),"
                + " or give the channel id instead (channel details > About > Channel ID)";
        if (!missing.isEmpty()) {
            throw new Mismatch("channels.watch names " + missing + " but Slack has no such channel that Pompier"
                    + " can see" + hint);
        }
        if (leadChannel != null && !resolved.containsKey(leadChannel)) {
            throw new Mismatch("roles.lead_channel is '" + leadChannel + "' but Slack has no such channel that"
                    + " Pompier can see" + hint);
        }
        if (stakeholderChannel != null && !resolved.containsKey(stakeholderChannel)) {
            throw new Mismatch("crisis.stakeholder_channel is '" + stakeholderChannel + "' but Slack has no such"
                    + " channel that Pompier can see" + hint);
        }
        if (opsChannel != null && !resolved.containsKey(opsChannel)) {
            throw new Mismatch("ops.channel is '" + opsChannel + "' but Slack has no such channel that Pompier can see"
                    + hint);
        }
        Map<String, String> languageIds = new HashMap<>();
        for (Map.Entry<String, String> language : languages.entrySet()) {
            if (!resolved.containsKey(language.getKey())) {
                throw new Mismatch("channels.languages names '" + language.getKey() + "' but Slack has no such channel"
                        + " that Pompier can see" + hint);
            }
            languageIds.put(resolved.get(language.getKey()), language.getValue());
        }
        return new SlackWorkspace(auth.getTeamId(), auth.getUserId(), auth.getBotId(), Set.copyOf(watchedIds),
                leadChannel == null ? null : resolved.get(leadChannel),
                stakeholderChannel == null ? null : resolved.get(stakeholderChannel),
                opsChannel == null ? null : resolved.get(opsChannel), Map.copyOf(languageIds));
    }

    /** Each channel as configured (id or name) to its id; names Slack does not know are left out. */
    private static Map<String, String> channelIds(SlackGateway slack, List<String> channels) {
        Map<String, String> ids = new HashMap<>();
        boolean needsNames = false;
        for (String channel : channels) {
            if (CHANNEL_ID.matcher(channel).matches()) {
                ids.put(channel, channel);
            } else {
                needsNames = true;
            }
        }
        if (needsNames) {
            Map<String, String> idsByName = channelIdsByName(slack);
            for (String channel : channels) {
                String id = idsByName.get(channel.toLowerCase(Locale.ROOT));
                if (id != null) {
                    ids.put(channel, id);
                }
            }
        }
        return ids;
    }

    private static Map<String, String> channelIdsByName(SlackGateway slack) {
        Map<String, String> byName = new HashMap<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsListResponse list = slack.call("conversations.list", m -> m.conversationsList(r -> r
                    .types(List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL))
                    .excludeArchived(true).limit(1000).cursor(page)));
            if (!list.isOk()) {
                throw new Mismatch("Slack refused conversations.list ('" + list.getError() + "'), so channel names in"
                        + " channels.watch cannot be resolved; add the channels:read and groups:read scopes"
                        + " (see manifest/pompier.yaml) or give channel ids instead");
            }
            for (Conversation c : list.getChannels()) {
                byName.put(c.getName().toLowerCase(Locale.ROOT), c.getId());
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return byName;
    }
}
