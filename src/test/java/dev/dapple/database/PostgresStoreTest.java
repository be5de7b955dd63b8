package dev.dapple.database;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The storage contract on PostgreSQL. Runs when {@code DAPPLE_TEST_POSTGRES_URL} is set; CI sets it, and under CI a
 * missing variable fails the build rather than skipping silently.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL contract tests skipped")
class PostgresStoreTest extends StoreContract implements FreshPostgresSchema {
}
