package dev.dapple.alert;

import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Claims and reminders on PostgreSQL, in a schema of its own; runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL claims and reminders tests skipped")
class PostgresClaimsAndRemindersTest extends ClaimsAndRemindersContract {

    static final String SCHEMA = "dapple_test_postgresclaimsandreminderstest";

    @Override
    Map<String, String> store() {
        TestStores.dropSchema(SCHEMA);
        return TestStores.postgres(SCHEMA);
    }

    @AfterAll
    void dropSchema() {
        TestStores.dropSchema(SCHEMA);
    }
}
