package app.pompier.qualification;

import java.util.List;
import java.util.Set;

/**
 * What a team tunes in its priority policy (config section {@code policy}); the defaults are the
 * seed's rules.
 *
 * @param essentialFunctions   functions whose loss, with no workaround, is a P1
 * @param p1MinimumReach       the narrowest reach that can make a P1 (default: one user is enough)
 * @param p2RequiresWorkaround whether a broken function is P2 only when a workaround exists; by
 *                             default no (a workaround "may exist" for a P2), so a broken function
 *                             with no workaround is not ranked below one that has a workaround
 * @param reproducibleWhen     the answers that count as reproducible; a P1 or P2 must be
 */
public record PolicyRules(List<String> essentialFunctions, Reach p1MinimumReach, boolean p2RequiresWorkaround,
                          Set<Reproducibility> reproducibleWhen) {
    public PolicyRules {
        essentialFunctions = List.copyOf(essentialFunctions);
        reproducibleWhen = Set.copyOf(reproducibleWhen);
    }

    public static PolicyRules defaults() {
        return new PolicyRules(
                List.of("log in", "search", "reach the back office", "create the core business object"),
                Reach.ONE_USER, false, Set.of(Reproducibility.ALWAYS, Reproducibility.SOMETIMES));
    }
}
