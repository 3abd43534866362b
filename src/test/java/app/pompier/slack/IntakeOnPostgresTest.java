package app.pompier.slack;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link IntakeTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class IntakeOnPostgresTest extends IntakeTest {
}
