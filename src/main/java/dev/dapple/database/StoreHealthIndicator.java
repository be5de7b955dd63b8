package dev.dapple.database;

import dev.dapple.result.Ingest;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;

/**
 * The store's state for {@code GET /health}: vendor, redacted URL, schema version, reachable or not, and what ingest
 * holds for it. DOWN exactly while a pooled connection cannot run a query (bounded by the pool's connection timeout).
 * Readiness, not liveness: restarting the server does not bring a database back, and ingest keeps results meanwhile.
 */
@Singleton
@Readiness
public final class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final DataSource dataSource;
    private final String url;
    private final @Nullable Ingest ingest;

    public StoreHealthIndicator(DataSource dataSource, @Value("${datasources.default.url}") String url,
                                @Nullable Ingest ingest) {
        this.dataSource = dataSource;
        this.url = url;
        this.ingest = ingest;
    }

    @Override
    protected String getName() {
        return "store";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        var details = new LinkedHashMap<String, Object>();
        details.put("vendor", DatabaseUrl.vendor(url));
        details.put("url", DatabaseUrl.redact(url));
        try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            try (ResultSet rs = statement.executeQuery(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
                details.put("schemaVersion", rs.next() ? rs.getString(1) : "none");
            }
            healthStatus = HealthStatus.UP;
        } catch (SQLException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", e.getMessage());
        }
        if (ingest != null) {
            // Ingest's own view: its last write failed (it retries with a growing pause) and how much waits.
            details.put("ingestWrites", ingest.storeUp() ? "ok" : "failing");
            details.put("ingestPending", ingest.pending());
        }
        return details;
    }
}
