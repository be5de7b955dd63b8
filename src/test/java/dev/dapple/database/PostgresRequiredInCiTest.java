package dev.dapple.database;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** CI must run the PostgreSQL tests, never skip them: under CI=true the variable that enables them must be set. */
@EnabledIfEnvironmentVariable(named = "CI", matches = "true")
class PostgresRequiredInCiTest {

    @Test
    void postgresTestsAreEnabledInCi() {
        assertNotNull(TestStores.postgresUrl(),
                "CI=true but DAPPLE_TEST_POSTGRES_URL is not set, so the PostgreSQL tests would be skipped");
    }
}
