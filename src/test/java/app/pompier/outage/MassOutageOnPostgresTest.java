package app.pompier.outage;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link MassOutageTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class MassOutageOnPostgresTest extends MassOutageTest {
}
