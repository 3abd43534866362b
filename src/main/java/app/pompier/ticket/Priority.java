package app.pompier.ticket;

/** Priority by impact, never by who the customer is: P1 blocks an essential function with no workaround. */
public enum Priority {
    P1, P2, P3
}
