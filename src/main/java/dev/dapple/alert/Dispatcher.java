package dev.dapple.alert;

import dev.dapple.journey.DurationParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the receivers: each channel's pending messages strictly in the order queued (a message waiting
 * for its retry holds back the channel's later ones, so a resolve never overtakes its trigger), each channel on a
 * virtual thread of its own so a slow receiver holds up no other. Retries what may succeed later with full-jitter
 * backoff, gives up on what cannot, and drops a trigger whose incident resolved before it went out.
 */
@Singleton
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A channel stops taking new messages this long into a pass, well inside the claim on its last one. */
    private static final Duration WORK_PER_PASS = Duration.ofSeconds(25);

    private final Channels channels;
    private final OutboxQueue queue;
    private final ChannelHealth health;
    private final Sender sender;
    private final Backoff backoff;
    private final Duration maxAge;
    private final Duration claim;
    private final FiringResends resends;
    private final MeterRegistry metrics;

    @Inject
    Dispatcher(Channels channels, OutboxQueue queue, ChannelHealth health, AlertDeliveryConfiguration config,
               MeterRegistry metrics) {
        this(channels, queue, health, config, metrics, () -> ThreadLocalRandom.current().nextLong());
    }

    /** @param random the jitter's source: tests pass a fixed one */
    Dispatcher(Channels channels, OutboxQueue queue, ChannelHealth health, AlertDeliveryConfiguration config,
               MeterRegistry metrics, RandomGenerator random) {
        this.channels = channels;
        this.metrics = metrics;
        this.queue = queue;
        this.health = health;
        this.sender = new Sender(config.connectTimeout(), config.requestTimeout());
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), random);
        this.maxAge = config.maxAge();
        this.claim = config.claim();
        this.resends = new FiringResends(queue, sender);
    }

    /** One pass at {@code now}: every channel's due messages, then the re-sends of alerts still firing. */
    public void pass(Instant now) throws SQLException, InterruptedException {
        List<Future<Void>> work = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Channels.Channel channel : channels.all()) {
                work.add(threads.submit(() -> {
                    work(channel, now);
                    resends.pass(channel, now);
                    return null;
                }));
            }
            for (String name : queue.channelsWithPending()) {
                if (channels.get(name).isEmpty()) {
                    abandon(name, now);
                }
            }
            rethrowFirstFailure(work);
        }
    }

    @PreDestroy
    void close() {
        sender.close();
    }

    private void work(Channels.Channel channel, Instant now) throws SQLException, InterruptedException {
        long stopAt = System.nanoTime() + WORK_PER_PASS.toNanos();
        while (System.nanoTime() < stopAt) {
            Optional<OutboxQueue.Head> next = queue.head(channel.name());
            if (next.isEmpty() || !handle(channel, next.get(), now)) {
                return;
            }
        }
    }

    /** Acts on the head of a channel's queue; false when the channel has to wait (a retry, another server's claim). */
    private boolean handle(Channels.Channel channel, OutboxQueue.Head head, Instant now)
            throws SQLException, InterruptedException {
        Outbox.Entry entry = head.entry();
        if (!now.isBefore(head.agedFrom().plus(maxAge))) {
            String error = "gave up after " + DurationParser.format(maxAge) + ": "
                    + (entry.lastError() == null ? "never attempted" : entry.lastError());
            if (!queue.finishUnclaimed(entry.id(), Outbox.State.DEAD, now, error)) {
                return false;
            }
            died(entry, error);
            count(entry.channel(), "dead");
            return true;
        }
        if (entry.kind() == Alert.Kind.TRIGGER) {
            Optional<Long> resolve = queue.pendingResolve(entry);
            if (resolve.isPresent()) {
                // A trigger that may have reached the receiver needs its resolve: the receiver may have opened it.
                boolean dropped = queue.drop(entry.id(), head.reached() ? null : resolve.get(), now, head.reached()
                        ? "its incident resolved before it was confirmed; the resolve is sent"
                        : "its incident resolved before it was sent");
                if (dropped) {
                    count(entry.channel(), "dropped");
                }
                return dropped;
            }
        }
        if (entry.nextAttemptAt().isAfter(now)) {
            return false; // waiting for its retry, and so are the channel's later messages
        }
        if (!queue.claim(entry.id(), now, now.plus(claim))) {
            return false;
        }
        return deliver(channel, entry, now);
    }

    private boolean deliver(Channels.Channel channel, Outbox.Entry entry, Instant now)
            throws SQLException, InterruptedException {
        Optional<HttpDelivery> request;
        try {
            request = channel.type().request(channel.settings(), entry.message(), now);
        } catch (RuntimeException e) {
            return fail(channel, entry, now, "cannot build the request: " + e.getMessage());
        }
        if (request.isEmpty()) {
            queue.sent(entry.id(), now, false, "nothing to send: " + channel.settings().type() + " ignores "
                    + entry.kind().name().toLowerCase(Locale.ROOT) + " messages");
            return true;
        }
        return switch (sender.send(request.get(), now)) {
            case Sender.Answered answered when answered.ok() -> {
                queue.sent(entry.id(), now, true, null);
                if (health.succeeded(channel.name(), now)) {
                    LOG.info("Alert channel {} is healthy again", channel.name());
                }
                count(channel.name(), "sent");
                LOG.info("Alert sent to {}: {} {} after {} attempt(s)", channel.name(), entry.kind(), entry.key(),
                        entry.attempts() + 1);
                yield true;
            }
            case Sender.Answered answered when answered.retryable() ->
                    retry(channel, entry, now, answered.describe(), answered.retryAfter(), false);
            case Sender.Answered answered -> fail(channel, entry, now, answered.describe());
            case Sender.Failed failed -> retry(channel, entry, now, failed.error(), Optional.empty(), failed.reached());
        };
    }

    /** Schedules the next attempt; always false: the channel's later messages wait for this one. */
    private boolean retry(Channels.Channel channel, Outbox.Entry entry, Instant now, String error,
                          Optional<Duration> retryAfter, boolean reached) throws SQLException {
        Duration wait = backoff.delay(entry.attempts() + 1);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
        }
        queue.retry(entry.id(), now.plus(wait), error, reached);
        count(channel.name(), "retried");
        unhealthy(channel, error, now);
        return false;
    }

    /** A failure that would repeat: the message dies and the channel shows unhealthy. */
    private boolean fail(Channels.Channel channel, Outbox.Entry entry, Instant now, String error) throws SQLException {
        queue.dead(entry.id(), now, error);
        died(entry, error);
        count(channel.name(), "dead");
        unhealthy(channel, error, now);
        return true;
    }

    private void unhealthy(Channels.Channel channel, String error, Instant now) throws SQLException {
        if (health.failed(channel.name(), error, now)) {
            LOG.warn("Alert channel {} is unhealthy: {}", channel.name(), error);
        }
    }

    /** Messages of a channel no longer configured can never be sent. */
    private void abandon(String channel, Instant now) throws SQLException {
        String error = "channel " + channel + " is not configured";
        for (Optional<OutboxQueue.Head> head = queue.head(channel); head.isPresent(); head = queue.head(channel)) {
            Outbox.Entry entry = head.get().entry();
            if (!queue.finishUnclaimed(entry.id(), Outbox.State.DEAD, now, error)) {
                return;
            }
            died(entry, error);
            count(channel, "dead");
        }
    }

    /** {@code dapple_alerts_total{channel, outcome}}: attempts and their outcomes, for dashboards and alerting. */
    private void count(String channel, String outcome) {
        Counter.builder("dapple.alerts").description("Alert messages by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(metrics).increment();
    }

    private static void died(Outbox.Entry entry, String error) {
        LOG.warn("Alert to {} is dead (replay it with POST /api/outbox/{}/replay): {} {}: {}", entry.channel(),
                entry.id(), entry.kind(), entry.key(), error);
    }

    private static void rethrowFirstFailure(List<Future<Void>> work) throws SQLException, InterruptedException {
        for (Future<Void> future : work) {
            try {
                future.get();
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case SQLException sql -> throw sql;
                    case RuntimeException runtime -> throw runtime;
                    case InterruptedException interrupted -> throw interrupted;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        }
    }
}
