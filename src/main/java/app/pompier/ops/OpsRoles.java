package app.pompier.ops;

/**
 * Who may put what on the operations calendar. A maintenance window makes Pompier answer every ticket that names
 * its component "planned maintenance": only the ops owners the team named, and the leads, declare one in Slack.
 */
public interface OpsRoles {

    /** One of the ops owners the team named: the person themselves, or a member of a group named. */
    boolean isOpsOwner(String user);

    boolean isLead(String user);
}
