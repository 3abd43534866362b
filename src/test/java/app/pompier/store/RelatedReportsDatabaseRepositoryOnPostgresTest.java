package app.pompier.store;

import app.pompier.testing.OnPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every test of {@link RelatedReportsDatabaseRepositoryTest}, on PostgreSQL. */
@ExtendWith(OnPostgres.class)
class RelatedReportsDatabaseRepositoryOnPostgresTest extends RelatedReportsDatabaseRepositoryTest {
}
