package app.pompier.slack;

import app.pompier.ticket.SupportRoles;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.Usergroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link SupportRoles} from the Slack user groups the team named. Membership is read with
 * {@code usergroups.users.list} and kept for a short while, so a change in Slack shows within minutes
 * without a call on every click.
 */
public final class UserGroupRoles implements SupportRoles {
    private static final Logger log = LoggerFactory.getLogger(UserGroupRoles.class);
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{6,}");
    private static final Duration KEEP = Duration.ofMinutes(5);

    /** A group's members in Slack's order (the first lead is the default commander), read at a time. */
    private record Members(java.util.List<String> users, Instant readAt) {
    }

    private final SlackGateway slack;
    private final Clock clock;
    private final String supportGroupId;
    private final String leadGroupId;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    private final Map<String, String> teamOfCategory;

    private UserGroupRoles(SlackGateway slack, Clock clock, String supportGroupId, String leadGroupId,
                         Map<String, String> teamOfCategory) {
        this.slack = slack;
        this.clock = clock;
        this.supportGroupId = supportGroupId;
        this.leadGroupId = leadGroupId;
        this.teamOfCategory = Map.copyOf(teamOfCategory);
    }

    /**
     * Turns the configured handles into group ids.
     *
     * @throws SlackWorkspace.Mismatch when a named group does not exist in the workspace
     */
    public static UserGroupRoles resolve(SlackGateway slack, Clock clock, String supportGroup, String leadGroup,
                                       Map<String, String> routing) {
        Map<String, String> byHandle = new HashMap<>();
        if (needsLookup(supportGroup) || needsLookup(leadGroup) || routing.values().stream().anyMatch(UserGroupRoles::needsLookup)) {
            UsergroupsListResponse groups = slack.call("usergroups.list", m -> m.usergroupsList(r -> r));
            if (!groups.isOk()) {
                throw new SlackWorkspace.Mismatch("Slack refused usergroups.list ('" + groups.getError() + "'), so"
                        + " the user groups in roles cannot be found; add the usergroups:read scope"
                        + " (see manifest/pompier.yaml) or give group ids (S0123ABCD) instead");
            }
            for (Usergroup g : groups.getUsergroups()) {
                byHandle.put(g.getHandle(), g.getId());
            }
        }
        Map<String, String> teams = new HashMap<>();
        routing.forEach((category, group) -> teams.put(category, id(group, "routing.categories." + category, byHandle)));
        return new UserGroupRoles(slack, clock, id(supportGroup, "support_group", byHandle),
                id(leadGroup, "lead_group", byHandle), teams);
    }

    private static boolean needsLookup(String group) {
        return group != null && !GROUP_ID.matcher(group).matches();
    }

    private static String id(String group, String key, Map<String, String> byHandle) {
        if (group == null || GROUP_ID.matcher(group).matches()) {
            return group;
        }
        String id = byHandle.get(group);
        if (id == null) {
            throw new SlackWorkspace.Mismatch((key.startsWith("routing") ? "" : "roles.") + key + " is '" + group + "' but the workspace has no user"
                    + " group with that handle; check it under People > User groups, or give its id (S0123ABCD)");
        }
        return id;
    }

    /** Leads count as support. */
    @Override
    public boolean isSupport(String user) {
        return isMember(supportGroupId, user) || isLead(user);
    }

    @Override
    public boolean isLead(String user) {
        return isMember(leadGroupId, user);
    }

    /** The members of the lead group (the on-call leads invited to crisis cells); empty when none is named. */
    @Override
    public java.util.List<String> leads() {
        return members(leadGroupId);
    }

    /** The team (user group id) a category is routed to; empty when the config routes it nowhere. */
    @Override
    public java.util.Optional<String> teamOf(String category) {
        return category == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(teamOfCategory.get(category));
    }

    /** The members of a team in Slack's order, for the rotation. */
    @Override
    public java.util.List<String> membersOf(String groupId) {
        return members(groupId);
    }

    /** The lead group, for a mention ({@code <!subteam^S…>}); null when the team named none. */
    public String leadGroupId() {
        return leadGroupId;
    }

    private boolean isMember(String groupId, String user) {
        return user != null && members(groupId).contains(user);
    }

    /** The group's members, read again when the cached list is older than a few minutes. */
    private java.util.List<String> members(String groupId) {
        if (groupId == null) {
            return java.util.List.of();
        }
        Instant now = clock.instant();
        Members members = cache.get(groupId);
        if (members == null || members.readAt().plus(KEEP).isBefore(now)) {
            Members read = read(groupId, now);
            if (read != null) {
                members = read;
                cache.put(groupId, members);
            } else if (members == null) {
                return java.util.List.of();
            }
        }
        return members.users();
    }

    /** The group's members, or null when Slack cannot say now (the last known members are kept). */
    private Members read(String groupId, Instant now) {
        try {
            UsergroupsUsersListResponse response = slack.call("usergroups.users.list",
                    m -> m.usergroupsUsersList(r -> r.usergroup(groupId)));
            if (!response.isOk()) {
                return null;
            }
            return new Members(java.util.List.copyOf(response.getUsers()), now);
        } catch (SlackUnavailableException e) {
            log.warn("cannot read the members of user group {}: {}", groupId, e.getMessage());
            return null;
        }
    }
}
