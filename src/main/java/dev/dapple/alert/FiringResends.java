package dev.dapple.alert;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a firing alert again every interval to channels whose receivers expire alerts that are not refreshed
 * (Alertmanager), until its resolve is queued. Best effort and not queued: a missed re-send is made up by the next,
 * and after a restart the first re-send is simply due again. The request is built anew, with the current time.
 */
final class FiringResends {

    private static final Logger LOG = LoggerFactory.getLogger(FiringResends.class);

    private final OutboxQueue queue;
    private final Sender sender;
    /** By channel: when each firing trigger (by message id) was last sent again. */
    private final Map<String, Map<String, Instant>> lastSent = new ConcurrentHashMap<>();

    FiringResends(OutboxQueue queue, Sender sender) {
        this.queue = queue;
        this.sender = sender;
    }

    void pass(Channels.Channel channel, Instant now) throws SQLException, InterruptedException {
        Optional<Duration> every = channel.type().resendWhileFiring(channel.settings());
        if (every.isEmpty()) {
            return;
        }
        Map<String, Instant> sent = lastSent.computeIfAbsent(channel.name(), name -> new ConcurrentHashMap<>());
        Set<String> firing = new HashSet<>();
        for (Outbox.Entry trigger : queue.firing(channel.name())) {
            firing.add(trigger.messageId());
            Instant last = sent.getOrDefault(trigger.messageId(), trigger.finishedAt());
            if (last != null && now.isBefore(last.plus(every.get()))) {
                continue;
            }
            sent.put(trigger.messageId(), now); // failed or not: the next try is one interval later
            var request = channel.type().request(channel.settings(), trigger.message(), now);
            if (request.isPresent() && sender.send(request.get()) instanceof Sender.Answered answered
                    && answered.ok()) {
                LOG.debug("Alert re-sent to {} while firing: {}", channel.name(), trigger.key());
            } else {
                LOG.debug("Alert re-send to {} failed, next in {}: {}", channel.name(), every.get(), trigger.key());
            }
        }
        sent.keySet().retainAll(firing);
    }
}
