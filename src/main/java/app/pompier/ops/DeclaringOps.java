package app.pompier.ops;

import app.pompier.language.Phrase;
import app.pompier.ticket.People;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Declaring a maintenance window or a business operation: what is wrong is said field by field; what is
 * declared is checked at once against the other side for collisions over the next year, and the collisions
 * are announced. In Slack, a maintenance is the ops owners' and the leads' to declare: it makes Pompier answer
 * reporters "planned maintenance". An operation (an invoice run, a campaign) is anyone's: business teams declare
 * them, and what they set off is a warning to the owners, not an answer to reporters.
 */
public final class DeclaringOps {
    private static final Duration HORIZON = Duration.ofDays(366);
    private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{6,}");

    private final OpsPlans plans;
    private final OpsCalendar calendar;
    private final Components components;
    private final AnnouncingCollisions announcing;
    private final OpsRoles roles;
    private final Owners owners;
    private final Clock clock;

    public DeclaringOps(OpsPlans plans, OpsCalendar calendar, Components components, AnnouncingCollisions announcing,
                        OpsRoles roles, Owners owners, Clock clock) {
        this.roles = roles;
        this.owners = owners;
        this.plans = plans;
        this.calendar = calendar;
        this.components = components;
        this.announcing = announcing;
        this.clock = clock;
    }

    /** The declaration was recorded, with the collisions it makes; or the errors, keyed by field, said at the edge. */
    public sealed interface Outcome {
        record Declared(long id, List<Collision> collisions) implements Outcome {
        }

        record Invalid(Map<String, Phrase> errors) implements Outcome {
        }

        /** A person who is neither an ops owner nor a lead declaring a maintenance; nothing was recorded. */
        record NotAllowed(String user) implements Outcome {
        }
    }

    /** Whether {@code user} declares maintenance windows in Slack: an ops owner the team named, or a lead. */
    public boolean mayDeclareMaintenance(String user) {
        return user != null && (roles.isOpsOwner(user) || roles.isLead(user));
    }

    public Outcome maintenance(String component, LocalDateTime start, LocalDateTime end, String recurrence,
                               String unavailable, Declarer by) {
        if (by instanceof Declarer.Person person && !mayDeclareMaintenance(person.user())) {
            return new Outcome.NotAllowed(person.user());
        }
        Map<String, Phrase> errors = new LinkedHashMap<>();
        Optional<String> key = component(component, "component", errors);
        Recurrence r = times(start, end, true, recurrence, errors);
        owner(by, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }
        MaintenanceWindow w = plans.addWindow(new MaintenanceWindow(0, key.orElseThrow(), start,
                Duration.between(start, end), r, unavailable == null ? "" : unavailable.strip(), by.owner().strip()),
                clock.instant());
        return declared(w.id(), collisionsOf(List.of(w), plans.operations()));
    }

    public Outcome operation(String name, LocalDateTime start, LocalDateTime end, List<String> dependsOn,
                             Duration tail, String recurrence, Declarer by) {
        Map<String, Phrase> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", Phrase.of("ops.declare.name_missing"));
        }
        List<String> keys = new ArrayList<>();
        if (dependsOn == null || dependsOn.isEmpty()) {
            errors.put("components", Phrase.of("ops.declare.components_missing"));
        } else {
            for (String c : dependsOn) {
                component(c, "components", errors).ifPresent(keys::add);
            }
        }
        if (tail != null && tail.isNegative()) {
            errors.put("tail", Phrase.of("ops.declare.tail_negative"));
        }
        Recurrence r = times(start, end == null ? start : end, false, recurrence, errors);
        owner(by, errors);
        if (!errors.isEmpty()) {
            return new Outcome.Invalid(errors);
        }
        BusinessOperation o = plans.addOperation(new BusinessOperation(0, name.strip(), start,
                end == null ? Duration.ZERO : Duration.between(start, end), keys,
                tail == null ? BusinessOperation.DEFAULT_TAIL : tail, r, by.owner().strip()), clock.instant());
        return declared(o.id(), collisionsOf(plans.windows(), List.of(o)));
    }

    private Outcome declared(long id, List<Collision> collisions) {
        announcing.announceSoon(collisions);
        return new Outcome.Declared(id, collisions);
    }

    private List<Collision> collisionsOf(List<MaintenanceWindow> windows, List<BusinessOperation> operations) {
        Instant now = clock.instant();
        return calendar.collisions(windows, operations, now, now.plus(HORIZON));
    }

    /**
     * The owner a script named must be a person or a channel of the workspace: they are told of collisions. A person
     * declaring in Slack owns it, and is one.
     */
    private void owner(Declarer by, Map<String, Phrase> errors) {
        if (by instanceof Declarer.Person) {
            return;
        }
        String owner = by.owner() == null ? "" : by.owner().strip();
        if (owner.isEmpty()) {
            errors.put("owner", Phrase.of("ops.declare.owner_missing"));
        } else if (!People.isPerson(owner) && !CHANNEL.matcher(owner).matches()) {
            errors.put("owner", Phrase.of("ops.declare.owner_malformed", "owner", owner));
        } else {
            owners.whyNot(owner).ifPresent(why -> errors.put("owner", why));
        }
    }

    private Optional<String> component(String name, String field, Map<String, Phrase> errors) {
        Optional<String> key = components.find(name);
        if (key.isEmpty()) {
            errors.put(field, Phrase.of("ops.declare.unknown_component", "name", name, "known",
                    String.join(", ", components.aliasesByKey().keySet().stream().sorted().toList())));
        }
        return key;
    }

    private Recurrence times(LocalDateTime start, LocalDateTime end, boolean endRequired, String recurrence,
                             Map<String, Phrase> errors) {
        if (start == null) {
            errors.put("start", Phrase.of("ops.declare.start_missing"));
            return null;
        }
        if (endRequired && end == null) {
            errors.put("end", Phrase.of("ops.declare.end_missing"));
        } else if (end != null && end.isBefore(start) || endRequired && end != null && !end.isAfter(start)) {
            // The start as it was typed, a date and a time, in any language.
            errors.put("end", Phrase.of("ops.declare.end_before_start", "start", start.toLocalDate() + " "
                    + start.toLocalTime()));
        }
        try {
            return Recurrence.parse(recurrence, start);
        } catch (Recurrence.Refused e) {
            errors.put("recurrence", e.phrase());
            return null;
        }
    }
}
