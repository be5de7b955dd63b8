package dev.dapple.database;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Gives a PostgreSQL test class (with {@code @TestInstance(PER_CLASS)}) its own schema, named after the class, for
 * its application context; a leftover from an interrupted run is dropped first, and the schema after the class.
 */
public interface FreshPostgresSchema extends TestPropertyProvider {

    default String schema() {
        return "dapple_test_" + getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    @Override
    default Map<String, String> getProperties() {
        TestStores.dropSchema(schema());
        return TestStores.postgres(schema());
    }

    @AfterAll
    default void dropSchema() {
        TestStores.dropSchema(schema());
    }
}
