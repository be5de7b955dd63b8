package dev.dapple.alert;

import java.time.Instant;

/**
 * A queued message for one channel.
 *
 * @param id        the outbox row
 * @param messageId stable across retries and servers (a UUID): receivers deduplicate by it (Standard Webhooks'
 *                  {@code webhook-id})
 * @param attempts  attempts made before this one
 */
public record OutboxMessage(long id, String messageId, String channel, Alert alert, int attempts, Instant createdAt) {
}
