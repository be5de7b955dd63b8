package dev.dapple.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The stores tests run on. PostgreSQL comes from {@code DAPPLE_TEST_POSTGRES_URL} (CI sets it); each test context
 * gets a fresh schema there, dropped afterwards, so test classes never see each other's rows.
 */
public final class TestStores {

    public static final String POSTGRES_URL_VARIABLE = "DAPPLE_TEST_POSTGRES_URL";

    private TestStores() {
    }

    public static String postgresUrl() {
        return System.getenv(POSTGRES_URL_VARIABLE);
    }

    public static String postgresUser() {
        String user = System.getenv("DAPPLE_TEST_POSTGRES_USER");
        return user == null ? "postgres" : user;
    }

    /** Properties for a context on a fresh PostgreSQL schema; {@link #dropSchema} removes it. */
    public static Map<String, String> postgres(String schema) {
        execute("CREATE SCHEMA " + schema);
        String base = postgresUrl();
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Map.of(
                "dapple.db.url", url,
                "dapple.db.user", postgresUser(),
                "dapple.db.password", "");
    }

    /** What a test does with a store's properties. */
    @FunctionalInterface
    public interface StoreTest {
        void run(Map<String, String> store) throws Exception;
    }

    /** Runs {@code test} on a fresh PostgreSQL schema, dropped afterwards whatever happens. */
    public static void onFreshPostgresSchema(StoreTest test) throws Exception {
        String schema = newSchemaName();
        try {
            test.run(postgres(schema));
        } finally {
            dropSchema(schema);
        }
    }

    /**
     * Properties for a fresh named in-memory H2 database kept open, so successive or parallel contexts in this JVM
     * share it (as servers share one store).
     */
    public static Map<String, String> sharedH2(String prefix) {
        return Map.of("dapple.db.url", "jdbc:h2:mem:" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    public static String newSchemaName() {
        return "dapple_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(postgresUrl(), postgresUser(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + postgresUrl() + ": " + e.getMessage(), e);
        }
    }
}
