package dev.dapple.maintenance;

import dev.dapple.database.FreshPostgresSchema;
import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The maintenance store contract on PostgreSQL; runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL maintenance store tests skipped")
class PostgresMaintenanceStoreTest extends MaintenanceStoreContract implements FreshPostgresSchema {
}
