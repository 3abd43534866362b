package app.pompier.ticket;

import java.util.List;
import java.util.Optional;

/** Who is who in support: its members, its leads (who count as support), and the team each category goes to. */
public interface SupportRoles {

    boolean isSupport(String user);

    boolean isLead(String user);

    /** The leads, in the team's order; empty when the team named no lead group. */
    List<String> leads();

    /** The first lead: the commander of a crisis cell when the team named none. */
    default Optional<String> firstLead() {
        return leads().stream().findFirst();
    }

    /** The team a category is routed to; empty when the team routes it nowhere. */
    Optional<String> teamOf(String category);

    /** The members of a team, in the order the rotation follows. */
    List<String> membersOf(String team);
}
