package dev.dapple.leader;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leader lease for {@code GET /health}: this instance's id, whether it leads, and the holder the database names.
 * Always UP: following is normal, and an unreachable database is the "store" indicator's to report.
 */
@Singleton
@Liveness
@Requires(beans = LeaderLease.class)
public final class LeaderHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final LeaderLease lease;

    public LeaderHealthIndicator(LeaderLease lease) {
        this.lease = lease;
    }

    @Override
    protected String getName() {
        return "leader";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = HealthStatus.UP;
        var details = new LinkedHashMap<String, Object>();
        details.put("instance", lease.holder());
        details.put("leading", lease.isLeader());
        try {
            lease.current().ifPresent(row -> {
                details.put("holder", row.holder());
                details.put("expiresAt", row.expiresAt().toString());
            });
        } catch (SQLException e) {
            details.put("holder", "unknown: " + e.getMessage());
        }
        return details;
    }
}
