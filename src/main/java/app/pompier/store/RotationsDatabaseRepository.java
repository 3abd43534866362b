package app.pompier.store;

import app.pompier.ticket.Rotations;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** {@link Rotations} in the SQL database: one row per team, moved on by compare-and-set. */
public final class RotationsDatabaseRepository implements Rotations {
    private final Jdbi jdbi;

    public RotationsDatabaseRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<String> lastGiven(String team) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_user FROM rotation WHERE team = :team")
                .bind("team", team).mapTo(String.class).findOne());
    }

    @Override
    public boolean moveOn(String team, String last, String next) {
        return jdbi.withHandle(h -> last == null
                ? h.createUpdate("INSERT INTO rotation (team, last_user) VALUES (:team, :next) ON CONFLICT (team) DO NOTHING")
                .bind("team", team).bind("next", next).execute()
                : h.createUpdate("UPDATE rotation SET last_user = :next WHERE team = :team AND last_user = :last")
                .bind("team", team).bind("next", next).bind("last", last).execute()) == 1;
    }
}
