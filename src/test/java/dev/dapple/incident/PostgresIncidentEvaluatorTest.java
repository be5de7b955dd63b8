package dev.dapple.incident;

import dev.dapple.database.FreshPostgresSchema;
import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The incident evaluator on PostgreSQL; runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL incident evaluator tests skipped")
class PostgresIncidentEvaluatorTest extends IncidentEvaluatorContract implements FreshPostgresSchema {
}
