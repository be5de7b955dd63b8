package dev.dapple.retention;

import java.time.Duration;

/**
 * Rows of {@code table} whose {@code timeColumn} is older than {@code maxAge} are deleted; {@code condition} (SQL,
 * may be empty) narrows the rule to some rows, e.g. one bucket size. The time column should be indexed.
 */
public record RetentionRule(String name, String table, String timeColumn, String condition, Duration maxAge) {

    public RetentionRule {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("retention of " + name + " must be positive, not " + maxAge);
        }
    }

    String where() {
        return condition.isEmpty() ? timeColumn + " < ?" : condition + " AND " + timeColumn + " < ?";
    }
}
