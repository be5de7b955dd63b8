package dev.dapple.catalog;

import dev.dapple.database.TestStores;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Invalid-file notices and channel checks on PostgreSQL, on a fresh schema. */
@MicronautTest(transactional = false)
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL notice tests skipped")
class PostgresInvalidFileNoticeTest extends InvalidFileNoticeContract {

    private final String schema = TestStores.newSchemaName();

    @Override
    Map<String, String> store() {
        return TestStores.postgres(schema);
    }

    @AfterAll
    void dropSchema() {
        TestStores.dropSchema(schema);
    }
}
