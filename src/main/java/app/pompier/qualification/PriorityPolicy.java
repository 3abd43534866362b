package app.pompier.qualification;

import app.pompier.language.Phrase;
import app.pompier.ticket.Priority;

/**
 * Priority by impact, never by who the customer is. P1: reproducible, an essential function unusable,
 * no workaround. P2: reproducible, a function inoperable (with a workaround, where the team requires
 * one). P3: anything else. The reason is a phrase ({@code qualification.reason.*}), read in each reader's language.
 */
public final class PriorityPolicy {
    private final PolicyRules rules;

    public PriorityPolicy(PolicyRules rules) {
        this.rules = rules;
    }

    public PriorityDecision decide(Answers a) {
        boolean reproducible = rules.reproducibleWhen().contains(a.reproducibility());
        String reach = a.reach().code();
        if (a.impact() instanceof Impact.Request) {
            return new PriorityDecision(Priority.P3, Phrase.of("qualification.reason.request"));
        }
        if (a.impact() instanceof Impact.Degraded) {
            return new PriorityDecision(Priority.P3, Phrase.of("qualification.reason.degraded", "reach", reach));
        }
        if (!reproducible) {
            return new PriorityDecision(Priority.P3, Phrase.of("qualification.reason.not_reproducible",
                    "reproducibility", a.reproducibility().code()));
        }
        String function = a.impact() instanceof Impact.EssentialFunctionUnusable e ? e.function() : "";
        String impact = a.impact() instanceof Impact.EssentialFunctionUnusable ? "essential" : "function";
        if (a.impact() instanceof Impact.EssentialFunctionUnusable && !a.hasWorkaround()) {
            if (a.reach().compareTo(rules.p1MinimumReach()) >= 0) {
                return new PriorityDecision(Priority.P1, Phrase.of("qualification.reason.p1", "function", function,
                        "reach", reach));
            }
            return new PriorityDecision(Priority.P2, Phrase.of("qualification.reason.p2_below_reach",
                    "function", function, "reach", reach, "minimum", rules.p1MinimumReach().code()));
        }
        if (a.hasWorkaround() || !rules.p2RequiresWorkaround()) {
            return new PriorityDecision(Priority.P2, Phrase.of("qualification.reason.p2", "impact", impact,
                    "function", function, "reach", reach, "hasWorkaround", a.hasWorkaround() ? "yes" : "no",
                    "workaround", a.hasWorkaround() ? a.workaround().strip() : ""));
        }
        return new PriorityDecision(Priority.P3, Phrase.of("qualification.reason.p3_needs_workaround",
                "impact", impact, "function", function, "reach", reach));
    }
}
