package app.pompier.slack;

import app.pompier.ops.OpsRoles;
import app.pompier.ticket.People;
import app.pompier.ticket.SupportRoles;
import com.slack.api.bolt.App;
import com.slack.api.methods.response.usergroups.UsergroupsListResponse;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import com.slack.api.model.Usergroup;
import com.slack.api.model.event.SubteamMembersChangedEvent;
import com.slack.api.model.event.SubteamUpdatedEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link SupportRoles} and {@link OpsRoles} from the Slack user groups (and people) the team named. Role checks
 * never call Slack: they read the members last read in the background (at start, every few minutes, and at once when
 * Slack says a group changed). While Slack fails to give a group, its last members read stand until
 * {@link #KEPT_AT_MOST} after they were read; then the group has nobody in it for role checks, so that a lead removed
 * during an outage does not keep their powers: refused, not granted.
 */
public final class UserGroupRoles implements SupportRoles, OpsRoles {
    private static final Logger log = LoggerFactory.getLogger(UserGroupRoles.class);
    private static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{6,}");
    /** How often every group is read again, besides Slack's events (which a missed delivery can lose). */
    static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
    /** How soon a failed read is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    /** How long the last members read stand while Slack cannot be asked; then nobody is a member. */
    public static final Duration KEPT_AT_MOST = Duration.ofHours(1);

    /** A group's members in Slack's order (the first lead is the default commander), read at a time. */
    private record Members(List<String> users, Instant readAt) {
    }

    private final SlackGateway slack;
    private final Clock clock;
    private final String supportGroupId;
    private final String leadGroupId;
    private final Map<String, String> teamOfCategory;
    /** The ops owners named as people, and as groups (ids). */
    private final Set<String> opsOwnerUsers;
    private final List<String> opsOwnerGroups;
    /** Every group whose members are read, with what it is to the team (for the log and the metric). */
    private final Map<String, String> roleOfGroup;
    private final Map<String, Members> members = new ConcurrentHashMap<>();
    /** Groups Slack failed to give since their last read, and when it first failed. */
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    /** Groups whose members were dropped for being too old, so that it is logged once, not at every check. */
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    /** Groups whose refresh is queued, so that a burst of Slack's events reads a group once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService refresher;

    private UserGroupRoles(SlackGateway slack, Clock clock, String supportGroupId, String leadGroupId,
                           Map<String, String> teamOfCategory, Set<String> opsOwnerUsers, List<String> opsOwnerGroups) {
        this.slack = slack;
        this.clock = clock;
        this.supportGroupId = supportGroupId;
        this.leadGroupId = leadGroupId;
        this.teamOfCategory = Map.copyOf(teamOfCategory);
        this.opsOwnerUsers = Set.copyOf(opsOwnerUsers);
        this.opsOwnerGroups = List.copyOf(opsOwnerGroups);
        Map<String, String> roles = new LinkedHashMap<>();
        if (supportGroupId != null) {
            roles.put(supportGroupId, "support");
        }
        if (leadGroupId != null) {
            roles.putIfAbsent(leadGroupId, "leads");
        }
        teamOfCategory.forEach((category, group) -> roles.putIfAbsent(group, "team:" + category));
        opsOwnerGroups.forEach(group -> roles.putIfAbsent(group, "ops_owners"));
        this.roleOfGroup = Map.copyOf(roles);
    }

    /**
     * Turns the configured handles into group ids.
     *
     * @param opsOwners the ops owners: user ids, and user groups by handle or id
     * @throws SlackWorkspace.Mismatch when a named group does not exist in the workspace
     */
    public static UserGroupRoles resolve(SlackGateway slack, Clock clock, String supportGroup, String leadGroup,
                                         Map<String, String> routing, List<String> opsOwners) {
        Map<String, String> byHandle = new HashMap<>();
        List<String> ownerGroups = opsOwners.stream().filter(o -> !People.isPerson(o)).toList();
        if (needsLookup(supportGroup) || needsLookup(leadGroup) || routing.values().stream().anyMatch(UserGroupRoles::needsLookup)
                || ownerGroups.stream().anyMatch(UserGroupRoles::needsLookup)) {
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
        List<String> ownerGroupIds = new ArrayList<>();
        ownerGroups.forEach(group -> ownerGroupIds.add(id(group, "ops.owners", byHandle)));
        return new UserGroupRoles(slack, clock, id(supportGroup, "support_group", byHandle),
                id(leadGroup, "lead_group", byHandle), teams,
                Set.copyOf(opsOwners.stream().filter(People::isPerson).toList()), ownerGroupIds);
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
            String named = key.startsWith("routing") ? key + " is '" + group + "'"
                    : key.startsWith("ops") ? key + " has '" + group + "'" : "roles." + key + " is '" + group + "'";
            throw new SlackWorkspace.Mismatch(named + " but the workspace has no user group with that handle; check it"
                    + " under People > User groups, or give its id (S0123ABCD)");
        }
        return id;
    }

    /**
     * Reads every group's members now, on the calling thread: at start, before Pompier says it is ready.
     *
     * @return whether every group could be read
     */
    public boolean refreshAll() {
        boolean all = true;
        for (String group : roleOfGroup.keySet()) {
            all &= refresh(group);
        }
        return all;
    }

    /**
     * Reads the groups again on {@code refresher}'s thread (one thread, so that an older read never lands after a
     * newer one) every {@link #REFRESH_EVERY}, or {@link #RETRY_AFTER} after a read that failed.
     */
    public void refreshIn(ScheduledExecutorService refresher, boolean lastReadComplete) {
        this.refresher = refresher;
        scheduleNext(lastReadComplete);
    }

    private void scheduleNext(boolean lastReadComplete) {
        Duration next = lastReadComplete ? REFRESH_EVERY : RETRY_AFTER;
        try {
            refresher.schedule(() -> {
                boolean complete = false;
                try {
                    complete = refreshAll();
                } catch (RuntimeException e) {
                    log.warn("reading the user groups failed: {}", e.toString());
                } finally {
                    scheduleNext(complete);
                }
            }, next.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("shutting down: the user groups are not read again");
        }
    }

    /** Slack says a group changed: it is read again soon, off Slack's request; other groups are not ours. */
    public void refreshSoon(String groupId) {
        ScheduledExecutorService on = refresher;
        if (groupId == null || !roleOfGroup.containsKey(groupId) || on == null || !queued.add(groupId)) {
            return;
        }
        try {
            on.execute(() -> {
                queued.remove(groupId);
                refresh(groupId);
            });
        } catch (RejectedExecutionException e) {
            queued.remove(groupId);
        }
    }

    /**
     * Slack's events that a group's members changed: {@code subteam_members_changed}, and {@code subteam_updated},
     * which is what Slack sends an app with {@code usergroups:read} when members are added or removed.
     */
    public void register(App app) {
        app.event(SubteamMembersChangedEvent.class, (payload, ctx) -> {
            refreshSoon(payload.getEvent().getSubteamId());
            return ctx.ack();
        });
        app.event(SubteamUpdatedEvent.class, (payload, ctx) -> {
            SubteamUpdatedEvent.Subteam subteam = payload.getEvent().getSubteam();
            refreshSoon(subteam == null ? null : subteam.getId());
            return ctx.ack();
        });
    }

    /**
     * For {@code /metrics}: each group's age (seconds since its members were last read; -1 before the first read)
     * and whether role checks see it empty for being unread too long, so an alert says why leads are refused.
     */
    public void measure(MeterRegistry metrics) {
        roleOfGroup.forEach((group, role) -> {
            Gauge.builder("pompier_user_group_age_seconds", () -> {
                Members m = members.get(group);
                return m == null ? -1 : Duration.between(m.readAt(), clock.instant()).toSeconds();
            }).description("Seconds since the members of a user group were last read from Slack; -1: never")
                    .tag("group", group).tag("role", role).register(metrics);
            Gauge.builder("pompier_user_group_unknown", () -> known(group).isPresent() ? 0 : 1)
                    .description("1 while a user group's members are unknown (never read, or not read for "
                            + KEPT_AT_MOST.toHours() + " h): role checks then count nobody in it")
                    .tag("group", group).tag("role", role).register(metrics);
        });
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
    public List<String> leads() {
        return members(leadGroupId);
    }

    /** The team (user group id) a category is routed to; empty when the config routes it nowhere. */
    @Override
    public Optional<String> teamOf(String category) {
        return category == null ? Optional.empty() : Optional.ofNullable(teamOfCategory.get(category));
    }

    /** The members of a team in Slack's order, for the rotation. */
    @Override
    public List<String> membersOf(String groupId) {
        return members(groupId);
    }

    @Override
    public boolean isOpsOwner(String user) {
        return user != null && (opsOwnerUsers.contains(user) || opsOwnerGroups.stream().anyMatch(g -> isMember(g, user)));
    }

    /** The ops owners as Slack mentions, people then groups, for a refusal that says who can. */
    public List<String> opsOwnerMentions() {
        List<String> mentions = new ArrayList<>();
        opsOwnerUsers.stream().sorted().forEach(u -> mentions.add(Mention.of(u)));
        opsOwnerGroups.forEach(g -> mentions.add("<!subteam^" + g + ">"));
        return mentions;
    }

    /** The lead group, for a mention ({@code <!subteam^S…>}); null when the team named none. */
    public String leadGroupId() {
        return leadGroupId;
    }

    private boolean isMember(String groupId, String user) {
        return user != null && members(groupId).contains(user);
    }

    /** The group's members as last read; nobody when they were never read or are too old to be trusted. */
    private List<String> members(String groupId) {
        if (groupId == null) {
            return List.of();
        }
        return known(groupId).orElse(List.of());
    }

    private Optional<List<String>> known(String groupId) {
        Members m = members.get(groupId);
        if (m == null) {
            return Optional.empty();
        }
        // Too old only once Slack has failed since: a read not tried yet (the clock moved faster than the
        // refresher's turns) is no sign that Slack cannot answer.
        if (failingSince.containsKey(groupId) && m.readAt().plus(KEPT_AT_MOST).isBefore(clock.instant())) {
            if (expired.add(groupId)) {
                log.error("the members of user group {} ({}) were last read from Slack at {}, over {} h ago: until"
                                + " Slack answers usergroups.users.list again, nobody counts as a member of it, so its"
                                + " people are refused what the group allows", groupId, roleOfGroup.get(groupId),
                        m.readAt(), KEPT_AT_MOST.toHours());
            }
            return Optional.empty();
        }
        return Optional.of(m.users());
    }

    /** Reads one group's members; on failure the last ones read are kept (until they are too old). */
    private boolean refresh(String groupId) {
        Instant now = clock.instant();
        try {
            UsergroupsUsersListResponse response = slack.call("usergroups.users.list",
                    m -> m.usergroupsUsersList(r -> r.usergroup(groupId)));
            if (!response.isOk()) {
                failingSince.putIfAbsent(groupId, now);
                log.warn("cannot read the members of user group {} ({}): Slack answered '{}'; the last members read"
                        + " stand until {} h after they were read", groupId, roleOfGroup.get(groupId),
                        response.getError(), KEPT_AT_MOST.toHours());
                return false;
            }
            members.put(groupId, new Members(List.copyOf(response.getUsers()), now));
            failingSince.remove(groupId);
            if (expired.remove(groupId)) {
                log.info("the members of user group {} ({}) are read from Slack again", groupId,
                        roleOfGroup.get(groupId));
            }
            return true;
        } catch (SlackUnavailableException e) {
            failingSince.putIfAbsent(groupId, now);
            log.warn("cannot read the members of user group {} ({}): {}; the last members read stand until {} h"
                    + " after they were read", groupId, roleOfGroup.get(groupId), e.getMessage(),
                    KEPT_AT_MOST.toHours());
            return false;
        }
    }
}
