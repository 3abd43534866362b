package app.pompier.sla;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link SlaRemindersTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class SlaRemindersOnPostgresTest extends SlaRemindersTest {
}
