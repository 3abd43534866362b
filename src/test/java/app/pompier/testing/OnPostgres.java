package app.pompier.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class on PostgreSQL: {@code @ExtendWith(OnPostgres.class) class XOnPostgresTest extends XTest {}}
 * runs every test of {@code XTest} again, each on a database of its own. Skipped with the reason when no server
 * can be had, failed instead when {@code POMPIER_TEST_POSTGRES_REQUIRED} is set.
 */
public final class OnPostgres implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresServer.shared();
        TestStore.use(TestStore.POSTGRESQL);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestStore.use(TestStore.SQLITE);
    }
}
