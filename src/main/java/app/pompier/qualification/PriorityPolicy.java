package app.pompier.qualification;

import app.pompier.ticket.Priority;

/**
 * Priority by impact, never by who the customer is. P1: reproducible, an essential function unusable,
 * no workaround. P2: reproducible, a function inoperable (with a workaround, where the team requires
 * one). P3: anything else.
 */
public final class PriorityPolicy {
    private final PolicyRules rules;

    public PriorityPolicy(PolicyRules rules) {
        this.rules = rules;
    }

    public PriorityDecision decide(Answers a) {
        boolean reproducible = rules.reproducibleWhen().contains(a.reproducibility());
        String reach = a.reach().words();
        String workaround = a.hasWorkaround() ? "workaround: " + a.workaround().strip() : "no workaround";
        if (a.impact() instanceof Impact.Request) {
            return new PriorityDecision(Priority.P3, "P3: a request or a question, not a malfunction");
        }
        if (a.impact() instanceof Impact.Degraded) {
            return new PriorityDecision(Priority.P3, "P3: every function still works (degraded, for " + reach + ")");
        }
        if (!reproducible) {
            return new PriorityDecision(Priority.P3, "P3: not reproducible (" + a.reproducibility().words()
                    + "); a P1 or P2 must come back when tried again");
        }
        String what = a.impact() instanceof Impact.EssentialFunctionUnusable e
                ? "'" + e.function() + "' unusable" : "a function inoperable";
        if (a.impact() instanceof Impact.EssentialFunctionUnusable && !a.hasWorkaround()) {
            if (a.reach().compareTo(rules.p1MinimumReach()) >= 0) {
                return new PriorityDecision(Priority.P1, "P1: " + what + " for " + reach + ", no workaround");
            }
            return new PriorityDecision(Priority.P2, "P2: " + what + " for " + reach + ", no workaround, but a P1"
                    + " must hit at least " + rules.p1MinimumReach().words());
        }
        if (a.hasWorkaround() || !rules.p2RequiresWorkaround()) {
            return new PriorityDecision(Priority.P2, "P2: " + what + " for " + reach + ", " + workaround);
        }
        return new PriorityDecision(Priority.P3, "P3: " + what + " for " + reach
                + ", no workaround, and this team's P2 requires one");
    }
}
