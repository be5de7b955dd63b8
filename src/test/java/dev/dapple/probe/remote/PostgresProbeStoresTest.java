package dev.dapple.probe.remote;

import dev.dapple.database.FreshPostgresSchema;
import dev.dapple.database.TestStores;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The probe stores' contract on PostgreSQL; runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "dapple.probe.embedded", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL probe store tests skipped")
class PostgresProbeStoresTest extends ProbeStoresContract implements FreshPostgresSchema {
}
