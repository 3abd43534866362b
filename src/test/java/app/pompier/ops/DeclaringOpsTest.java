package app.pompier.ops;

import app.pompier.language.Phrase;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Who declares what on the operations calendar, and what owner a script may name: plain Java, a fixed clock. */
class DeclaringOpsTest {
    static final LocalDateTime SATURDAY = LocalDateTime.parse("2026-11-28T08:00");
    static final Phrase NOBODY = Phrase.of("ops.owner.no_person", "id", "U0NOBODY1", "error", "user_not_found");

    final List<MaintenanceWindow> windows = new ArrayList<>();
    final List<BusinessOperation> operations = new ArrayList<>();
    final List<String> ownersAsked = new ArrayList<>();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

    final OpsPlans plans = new OpsPlans() {
        public MaintenanceWindow addWindow(MaintenanceWindow w, Instant now) {
            MaintenanceWindow added = new MaintenanceWindow(windows.size() + 1, w.component(), w.start(), w.length(),
                    w.recurrence(), w.unavailable(), w.owner());
            windows.add(added);
            return added;
        }

        public BusinessOperation addOperation(BusinessOperation o, Instant now) {
            BusinessOperation added = new BusinessOperation(operations.size() + 1, o.name(), o.start(), o.length(),
                    o.components(), o.tail(), o.recurrence(), o.owner());
            operations.add(added);
            return added;
        }

        public List<MaintenanceWindow> windows() {
            return windows;
        }

        public List<BusinessOperation> operations() {
            return operations;
        }

        public boolean announceOnce(String collisionKey, Instant now) {
            throw new AssertionError("not used");
        }

        public void hit(long windowId, Occurrence occurrence, long ticketKey) {
            throw new AssertionError("not used");
        }

        public List<Hits> hitsToReport(Instant now) {
            throw new AssertionError("not used");
        }

        public void reported(long windowId, Instant occurrenceStart) {
            throw new AssertionError("not used");
        }
    };

    final OpsRoles roles = new OpsRoles() {
        public boolean isOpsOwner(String user) {
            return user.equals("UOPS00001");
        }

        public boolean isLead(String user) {
            return user.equals("ULEAD0001");
        }
    };

    final Owners owners = id -> {
        ownersAsked.add(id);
        return id.equals("U0NOBODY1") ? Optional.of(NOBODY) : Optional.empty();
    };

    final DeclaringOps declaring = declaring();

    DeclaringOps declaring() {
        OpsCalendar calendar = new OpsCalendar(ZoneId.of("Europe/Paris"));
        Components components = new Components(Map.of("customer_portal", List.of("espace client")));
        AnnouncingCollisions announcing = new AnnouncingCollisions(plans, calendar, null, null, 3, clock, Runnable::run);
        return new DeclaringOps(plans, calendar, components, announcing, roles, owners, clock);
    }

    DeclaringOps.Outcome maintenance(Declarer by) {
        return declaring.maintenance("espace client", SATURDAY, SATURDAY.plusHours(2), "once", "", by);
    }

    @Test
    void only_an_ops_owner_or_a_lead_declares_a_maintenance_in_slack() {
        assertEquals(new DeclaringOps.Outcome.NotAllowed("UMARKETNG"), maintenance(new Declarer.Person("UMARKETNG")));
        assertEquals(List.of(), windows, "nothing recorded");

        assertInstanceOf(DeclaringOps.Outcome.Declared.class, maintenance(new Declarer.Person("UOPS00001")));
        assertInstanceOf(DeclaringOps.Outcome.Declared.class, maintenance(new Declarer.Person("ULEAD0001")));
        assertEquals(List.of("UOPS00001", "ULEAD0001"), windows.stream().map(MaintenanceWindow::owner).toList());
        assertEquals(List.of(), ownersAsked, "a person in Slack is a person of the workspace: not asked");
    }

    @Test
    void a_business_operation_is_anyones_to_declare() {
        var outcome = declaring.operation("relance", SATURDAY, null, List.of("espace client"), null, "once",
                new Declarer.Person("UMARKETNG"));
        assertInstanceOf(DeclaringOps.Outcome.Declared.class, outcome);
        assertEquals("UMARKETNG", operations.get(0).owner());
    }

    @Test
    void a_script_declares_a_maintenance_for_an_owner_the_workspace_has_said_with_the_other_errors() {
        var unknown = declaring.maintenance("intranet", SATURDAY, SATURDAY.plusHours(2), "once", "",
                new Declarer.Script("U0NOBODY1"));
        var errors = assertInstanceOf(DeclaringOps.Outcome.Invalid.class, unknown).errors();
        assertEquals(NOBODY, errors.get("owner"), "the chat's reason, said at the edge");
        assertEquals(List.of("component", "owner"), List.copyOf(errors.keySet()), "every mistake at once");

        var malformed = assertInstanceOf(DeclaringOps.Outcome.Invalid.class, maintenance(new Declarer.Script("#ops")));
        assertEquals(List.of("U0NOBODY1"), ownersAsked, "a malformed id is not looked up: " + malformed.errors());

        assertInstanceOf(DeclaringOps.Outcome.Declared.class, maintenance(new Declarer.Script("C0OPSCAL1")));
        assertEquals("C0OPSCAL1", windows.get(0).owner());
    }
}
