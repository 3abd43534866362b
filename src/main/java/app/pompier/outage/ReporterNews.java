package app.pompier.outage;

import java.time.Instant;

/**
 * What a related reporter is told about the incident their report belongs to: a status update from its crisis
 * cell, or its resolution.
 *
 * @param known what support knows; null for a resolution
 * @param doing what support is doing; null for a resolution
 * @param next  when the next update comes; null when not said
 */
public record ReporterNews(Kind kind, String known, String doing, Instant next) {
    public enum Kind {
        STATUS, RESOLVED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public static ReporterNews status(String known, String doing, Instant next) {
        return new ReporterNews(Kind.STATUS, known, doing, next);
    }

    public static ReporterNews resolved() {
        return new ReporterNews(Kind.RESOLVED, null, null, null);
    }

    /**
     * News claimed for posting in one report's thread.
     *
     * @param version which news this is for that thread; a newer one replaces it while unposted
     * @param attempt 1 for the first try
     */
    public record Pending(long report, long incident, ReporterNews news, int version, int attempt) {
    }
}
