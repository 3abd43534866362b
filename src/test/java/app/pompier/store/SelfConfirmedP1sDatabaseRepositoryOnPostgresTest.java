package app.pompier.store;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link SelfConfirmedP1sDatabaseRepositoryTest}, on PostgreSQL, whose connections count at once. */
@ExtendWith(OnPostgres.class)
class SelfConfirmedP1sDatabaseRepositoryOnPostgresTest extends SelfConfirmedP1sDatabaseRepositoryTest {
}
