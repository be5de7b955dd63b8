package dev.dapple.alert;

/**
 * A queued message for one channel.
 *
 * @param id        the outbox row
 * @param messageId stable across retries and servers (a UUID): receivers deduplicate by it (Standard Webhooks'
 *                  {@code webhook-id})
 */
public record OutboxMessage(long id, String messageId, String channel, Alert alert) {
}
