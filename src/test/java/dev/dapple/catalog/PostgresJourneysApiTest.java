package dev.dapple.catalog;

import dev.dapple.database.FreshPostgresSchema;
import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The journeys read API on PostgreSQL, in a fresh schema. Runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL read API tests skipped")
class PostgresJourneysApiTest extends JourneysApiContract implements FreshPostgresSchema {

    @Override
    public Map<String, String> getProperties() {
        return properties(FreshPostgresSchema.super.getProperties());
    }
}
