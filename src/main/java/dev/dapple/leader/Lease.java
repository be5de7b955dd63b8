package dev.dapple.leader;

import java.time.Instant;

/**
 * One lease row.
 *
 * @param name       what the lease guards ("leader")
 * @param holder     the instance holding it
 * @param expiresAt  after this another instance may take it
 * @param acquiredAt when this holder took it
 * @param renewedAt  its last renewal
 */
public record Lease(String name, String holder, Instant expiresAt, Instant acquiredAt, Instant renewedAt) {
}
