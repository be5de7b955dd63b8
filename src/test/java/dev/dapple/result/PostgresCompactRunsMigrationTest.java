package dev.dapple.result;

import dev.dapple.database.TestStores;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/** The V4 conversion on PostgreSQL, in a fresh schema. Runs when {@code DAPPLE_TEST_POSTGRES_URL} is set. */
@EnabledIfEnvironmentVariable(named = TestStores.POSTGRES_URL_VARIABLE, matches = ".+",
        disabledReason = "DAPPLE_TEST_POSTGRES_URL is not set: PostgreSQL migration test skipped")
class PostgresCompactRunsMigrationTest extends CompactRunsMigrationContract {

    private final String schema = TestStores.newSchemaName();

    @Override
    DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestStores.postgres(schema).get("dapple.db.url"));
        dataSource.setUser(TestStores.postgresUser());
        return dataSource;
    }

    @AfterEach
    void dropSchema() {
        TestStores.dropSchema(schema);
    }
}
