package app.pompier.crisis;

import java.time.Instant;

/** Durable timed work: when to look whether a cell has gone quiet and ask for a status update. */
public interface StatusCadence {
    void checkAt(long cellId, Instant at);
}
