package app.pompier.store;

import java.sql.SQLException;

/**
 * What went wrong reaching or migrating PostgreSQL, in words an operator can act on: the driver's SQL states
 * (a wrong password, a missing database, missing rights) and the network's failures (a refused connection,
 * an unknown host) each say what to fix.
 */
final class PostgresProblems {
    private PostgresProblems() {
    }

    static String explain(StoreLocation.Postgres location, Throwable failure) {
        String where = location.describe();
        String user = location.user() == null ? "the user" : "user " + location.user();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "cannot reach PostgreSQL at " + where + ": the host " + t.getMessage()
                        + " is unknown; check the host name in POMPIER_DB";
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                String said = sql.getMessage();
                if (state.equals("28P01") || state.equals("28000")) {
                    return "PostgreSQL at " + where + " refused " + user + " (" + said + "); check the user and"
                            + " password in POMPIER_DB (or POMPIER_DB_PASSWORD) and the server's pg_hba.conf";
                }
                if (state.equals("3D000")) {
                    return "PostgreSQL at " + where + " has no such database (" + said + "); create it (createdb,"
                            + " or CREATE DATABASE pompier OWNER ...) or correct its name in POMPIER_DB";
                }
                if (state.equals("42501")) {
                    return "PostgreSQL at " + where + " denied " + user + " a right Pompier needs to create and"
                            + " change its tables (" + said + "); make the user the database's owner, or"
                            + " GRANT CREATE, USAGE ON SCHEMA public TO it";
                }
                if (state.startsWith("08")) {
                    return "cannot connect to PostgreSQL at " + where + " (" + said + "); check that the server is"
                            + " running and accepts TCP connections on that host and port";
                }
                if (state.equals("53300")) {
                    return "PostgreSQL at " + where + " has no connection left (" + said + "); raise"
                            + " max_connections or run fewer replicas (each opens up to 12)";
                }
            }
        }
        String said = failure.getCause() != null && failure.getMessage() != null
                && failure.getMessage().contains("Failed to initialize pool")
                ? failure.getCause().getMessage() : failure.getMessage();
        return "cannot open or migrate the PostgreSQL database " + where + ": " + said
                + "; check POMPIER_DB and that the user owns the database";
    }
}
