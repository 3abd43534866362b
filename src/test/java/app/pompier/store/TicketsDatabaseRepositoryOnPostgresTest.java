package app.pompier.store;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link TicketsDatabaseRepositoryTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class TicketsDatabaseRepositoryOnPostgresTest extends TicketsDatabaseRepositoryTest {
}
