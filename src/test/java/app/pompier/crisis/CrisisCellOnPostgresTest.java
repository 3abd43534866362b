package app.pompier.crisis;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link CrisisCellTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class CrisisCellOnPostgresTest extends CrisisCellTest {
}
