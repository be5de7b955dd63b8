package dev.dapple.alert;

import dev.dapple.database.FreshPostgresSchema;
import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Alert routing on PostgreSQL; runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL alert routing tests skipped")
class PostgresAlertRoutingTest extends AlertRoutingContract implements FreshPostgresSchema {

    @Override
    public Map<String, String> getProperties() {
        return super.getProperties();
    }

    @Override
    Map<String, String> storeProperties() {
        return FreshPostgresSchema.super.getProperties();
    }
}
