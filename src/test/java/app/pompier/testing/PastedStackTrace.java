package app.pompier.testing;

/**
 * What people paste into a report every day in application support: a Java stack trace in a code block, with
 * generics and HTML that need escaping ({@code <}, {@code >}, {@code &}), a mention Slack must never ping, emoji,
 * and lines far longer than a screen. Each frame is numbered, so that a test can find every line again.
 */
public final class PastedStackTrace {
    private PastedStackTrace() {
    }

    /** A trace of at least {@code length} characters, as typed (plain text, not escaped for Slack). */
    public static String of(int length) {
        StringBuilder trace = new StringBuilder("```🔥 Production down & nothing works <!channel> 😱\n");
        trace.append("org.springframework.web.util.NestedServletException: Request processing failed; nested exception"
                + " is java.lang.IllegalStateException: Map<String, List<Order>> was <null> & the cache said \"OK\"\n");
        for (int frame = 1; trace.length() < length; frame++) {
            if (frame % 50 == 0) {
                trace.append("Caused by: com.fasterxml.jackson.databind.JsonMappingException: payload = ");
                for (int field = 0; field < 40; field++) {
                    trace.append("{\"customer\": \"Dupont & Fils <dupont@example.com>\", \"field\": ").append(field)
                            .append("} ");
                }
                trace.append('\n');
            } else {
                trace.append("\tat com.acme.crm.order.OrderService$$EnhancerBySpringCGLIB$$").append(frame)
                        .append(".<init>(OrderService.java:").append(frame).append(") ~[crm-core-2.4.1.jar:na] ⚠️\n");
            }
        }
        return trace.append("```").toString();
    }
}
