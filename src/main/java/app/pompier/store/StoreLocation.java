package app.pompier.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where Pompier keeps its data, as {@code POMPIER_DB} says: a SQLite file (the default: nothing to run, one
 * process), or a PostgreSQL database that several replicas share.
 */
public sealed interface StoreLocation {

    /** What the logs and error messages show: never a password. */
    String describe();

    /** A SQLite file; one Pompier process serves it. */
    record SqliteFile(Path file) implements StoreLocation {
        @Override
        public String describe() {
            return file.toAbsolutePath().toString();
        }
    }

    /**
     * A PostgreSQL database, as a JDBC URL without its credentials.
     *
     * @param password null when the server needs none (trust, a .pgpass file)
     */
    record Postgres(String jdbcUrl, String user, String password) implements StoreLocation {
        @Override
        public String describe() {
            return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1…") + (user == null ? "" : " as " + user);
        }

        @Override
        public String toString() {
            return "Postgres[" + describe() + "]";
        }
    }

    /**
     * Reads {@code POMPIER_DB}: {@code postgresql://user:pass@host:5432/db} (or {@code postgres://}), a
     * {@code jdbc:postgresql:} URL, or else the path of a SQLite file. {@code password} ({@code POMPIER_DB_PASSWORD})
     * is used when the URL holds none, so the secret can stay out of the URL.
     *
     * @throws IllegalArgumentException with what is wrong and how to write it
     */
    static StoreLocation parse(String value, String password) {
        String v = value.trim();
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return fromUri(v, password);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new Postgres(v, null, blankToNull(password));
        }
        if (lower.startsWith("jdbc:") || lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("POMPIER_DB is " + v.replaceAll("//[^/@]*@", "//…@")
                    + ", a database Pompier does not know; give the path of a SQLite file (pompier.db) or a"
                    + " PostgreSQL URL (postgresql://user:password@host:5432/pompier)");
        }
        return new SqliteFile(Path.of(v));
    }

    private static Postgres fromUri(String value, String password) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("POMPIER_DB is not a valid PostgreSQL URL (" + e.getReason()
                    + "); write it as postgresql://user:password@host:5432/pompier, with special characters of the"
                    + " password percent-encoded (@ as %40), or set the password in POMPIER_DB_PASSWORD");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("POMPIER_DB names no host; write it as"
                    + " postgresql://user:password@host:5432/pompier");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw new IllegalArgumentException("POMPIER_DB names no database; add it after the host, as in"
                    + " postgresql://user:password@" + uri.getHost() + ":5432/pompier");
        }
        String user = null;
        String secret = blankToNull(password);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                secret = decode(userInfo.substring(colon + 1));
            }
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + "/" + database + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Postgres(jdbc, blankToNull(user), secret);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return Optional.ofNullable(s).filter(x -> !x.isBlank()).orElse(null);
    }
}
