package app.pompier.ops;

/** Who declares a maintenance or an operation, and so who owns it. */
public sealed interface Declarer {

    /** Whoever is told of the plan's collisions: a person's id ({@code U…}) or a channel's ({@code C…}). */
    String owner();

    /** Someone in Slack: a member of the workspace, who owns what they declare. */
    record Person(String user) implements Declarer {
        @Override
        public String owner() {
            return user;
        }
    }

    /**
     * A script the team runs with the API token: trusted as the team's own, it names the owner, who must be a person
     * or a channel of the workspace.
     */
    record Script(String owner) implements Declarer {
    }
}
