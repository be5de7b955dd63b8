package dev.dapple.alert;

import dev.dapple.incident.Incident;
import dev.dapple.incident.Incidents;
import dev.dapple.journey.DurationParser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox to the receivers: each channel's pending messages strictly in the order queued (a message waiting
 * for its retry holds back the channel's later ones, so a resolve never overtakes its trigger). Each channel works on
 * a virtual thread of its own, and a pass starts work only for channels not still busy with an earlier pass's, so a
 * slow receiver holds up no other channel. Retries what may succeed later with full-jitter backoff, gives up on what
 * cannot, and drops what no longer matters: a trigger whose incident resolved before it went out, a reminder of an
 * incident acknowledged or resolved.
 */
@Singleton
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A channel stops taking new messages this long into its work, well inside the claim on its last one. */
    private static final Duration WORK_PER_PASS = Duration.ofSeconds(25);
    private static final Pattern INCIDENT_KEY = Pattern.compile("/incident-(\\d+)$");

    private final Channels channels;
    private final OutboxQueue queue;
    private final ChannelHealth health;
    private final Incidents incidents;
    private final Clock clock;
    private final Sender sender;
    private final Backoff backoff;
    private final Duration maxAge;
    private final Duration claim;
    private final FiringResends resends;
    private final MeterRegistry metrics;
    /** Channels with work in progress: a pass leaves them to it. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** Each failing channel's last problem, logged once until it works again. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @Inject
    Dispatcher(Channels channels, OutboxQueue queue, ChannelHealth health, Incidents incidents,
               AlertDeliveryConfiguration config, MeterRegistry metrics, Clock clock) {
        this(channels, queue, health, incidents, config, metrics, clock, () -> ThreadLocalRandom.current().nextLong());
    }

    /** @param random the jitter's source: tests pass a fixed one */
    Dispatcher(Channels channels, OutboxQueue queue, ChannelHealth health, Incidents incidents,
               AlertDeliveryConfiguration config, MeterRegistry metrics, Clock clock, RandomGenerator random) {
        this.channels = channels;
        this.metrics = metrics;
        this.queue = queue;
        this.health = health;
        this.incidents = incidents;
        this.clock = clock;
        this.sender = new Sender(config.connectTimeout(), config.requestTimeout(), clock);
        this.backoff = new Backoff(config.backoffBase(), config.backoffCap(), random);
        this.maxAge = config.maxAge();
        this.claim = config.claim();
        this.resends = new FiringResends(queue, sender);
    }

    /**
     * One pass over the messages due at {@code due}, returning when its work is done: every idle channel's due
     * messages, then the re-sends of alerts still firing. Every other time (ages, claims, outcomes) is the clock's
     * when it happens.
     */
    public void pass(Instant due) throws SQLException, InterruptedException {
        try {
            start(due).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException wrapped && wrapped.getCause() != null) {
                cause = wrapped.getCause();
            }
            switch (cause) {
                case SQLException sql -> throw sql;
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IllegalStateException(cause);
            }
        }
    }

    /**
     * Starts a pass and returns at once, with its work to come: what the leader's job runs, so that a channel still
     * busy (a receiver slow to answer) delays no other channel's next pass.
     */
    CompletableFuture<Void> start(Instant due) throws SQLException {
        for (String name : queue.channelsWithPending()) {
            if (channels.get(name).isEmpty()) {
                abandon(name);
            }
        }
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (Channels.Channel channel : channels.all()) {
            if (busy.add(channel.name())) {
                try {
                    work.add(CompletableFuture.runAsync(() -> workChannel(channel, due), threads));
                } catch (RejectedExecutionException e) { // stopping: the channel must not stay busy
                    idle(channel.name());
                    throw e;
                }
            }
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
    }

    /**
     * One channel's share of a pass, on its own thread. A failure is logged here, once until the channel works
     * again (the leader's job does not wait for this work), and handed on to whoever waits.
     */
    private void workChannel(Channels.Channel channel, Instant due) {
        try {
            work(channel, due);
            resends.pass(channel, clock.instant());
            failures.remove(channel.name());
        } catch (SQLException | RuntimeException e) {
            failed(channel.name(), e);
            throw e instanceof RuntimeException runtime ? runtime : new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } finally {
            idle(channel.name());
        }
    }

    private void failed(String channel, Exception e) {
        String problem = e.getMessage();
        if (!Objects.equals(failures.put(channel, String.valueOf(problem)), String.valueOf(problem))) {
            LOG.warn("Alerts: cannot work channel {}, retrying every pass: {}", channel, problem);
        }
    }

    private void idle(String channel) {
        synchronized (busy) {
            busy.remove(channel);
            busy.notifyAll();
        }
    }

    /** Waits until no channel has work in progress: for tests, which start passes without waiting for them. */
    void awaitIdle() throws InterruptedException {
        synchronized (busy) {
            while (!busy.isEmpty()) {
                busy.wait();
            }
        }
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
        sender.close();
    }

    private void work(Channels.Channel channel, Instant due) throws SQLException, InterruptedException {
        long stopAt = System.nanoTime() + WORK_PER_PASS.toNanos();
        while (System.nanoTime() < stopAt) {
            Optional<OutboxQueue.Head> next = queue.head(channel.name());
            if (next.isEmpty() || !handle(channel, next.get(), due)) {
                return;
            }
        }
    }

    /** Acts on the head of a channel's queue; false when the channel has to wait (a retry, another server's claim). */
    private boolean handle(Channels.Channel channel, OutboxQueue.Head head, Instant due)
            throws SQLException, InterruptedException {
        Outbox.Entry entry = head.entry();
        Instant now = clock.instant();
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
                boolean dropped = queue.drop(entry, resolve.get(), !head.reached(), now, head.reached()
                        ? "its incident resolved before it was confirmed; the resolve is sent"
                        : "its incident resolved before it was sent");
                if (dropped) {
                    count(entry.channel(), "dropped");
                }
                return dropped;
            }
        }
        if (entry.kind() == Alert.Kind.REMINDER) {
            Optional<String> moot = mootReminder(entry.alert());
            if (moot.isPresent()) {
                boolean dropped = queue.finishUnclaimed(entry.id(), Outbox.State.DROPPED, now, moot.get());
                if (dropped) {
                    count(entry.channel(), "dropped");
                }
                return dropped;
            }
        }
        if (entry.nextAttemptAt().isAfter(due)) {
            return false; // waiting for its retry, and so are the channel's later messages
        }
        Optional<OutboxQueue.Claim> claimed = queue.claim(entry.id(), now, now.plus(claim));
        return claimed.isPresent() && deliver(channel, entry, claimed.get());
    }

    /** Why a reminder no longer matters: its incident was acknowledged or resolved since it was queued. */
    private Optional<String> mootReminder(Alert reminder) throws SQLException {
        Optional<Long> id = incidentOf(reminder);
        Optional<Incident> incident = id.isEmpty() ? Optional.empty() : incidents.byId(id.get());
        if (incident.isEmpty()) {
            return Optional.empty();
        }
        if (!incident.get().isOpen()) {
            return Optional.of("its incident was resolved");
        }
        return incident.get().acknowledgedBy() == null ? Optional.empty()
                : Optional.of("its incident was acknowledged");
    }

    /** The incident an alert is about: its {@code incident} detail, or the number in a key like {@code checkout/incident-12}. */
    static Optional<Long> incidentOf(Alert alert) {
        String detail = alert.details().get("incident");
        if (detail != null && detail.matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(detail));
        }
        Matcher key = INCIDENT_KEY.matcher(alert.key());
        return key.find() && key.group(1).length() <= 18 ? Optional.of(Long.parseLong(key.group(1))) : Optional.empty();
    }

    private boolean deliver(Channels.Channel channel, Outbox.Entry entry, OutboxQueue.Claim claimed)
            throws SQLException, InterruptedException {
        Optional<HttpDelivery> request;
        try {
            request = channel.type().request(channel.settings(), entry.message(), clock.instant());
        } catch (RuntimeException e) {
            return fail(channel, entry, claimed, "cannot build the request: " + e.getMessage());
        }
        if (request.isEmpty()) {
            return recorded(entry, queue.sent(claimed, clock.instant(), false, "nothing to send: "
                    + channel.settings().type() + " ignores " + entry.kind().name().toLowerCase(Locale.ROOT)
                    + " messages"));
        }
        Sender.Result result = sender.send(request.get());
        return switch (result) {
            case Sender.Answered answered when answered.ok() -> {
                Instant now = clock.instant();
                if (!recorded(entry, queue.sent(claimed, now, true, null))) {
                    yield false;
                }
                if (health.succeeded(channel.name(), now)) {
                    LOG.info("Alert channel {} is healthy again", channel.name());
                }
                count(channel.name(), "sent");
                LOG.info("Alert sent to {}: {} {} after {} attempt(s)", channel.name(), entry.kind(), entry.key(),
                        entry.attempts() + 1);
                yield true;
            }
            case Sender.Answered answered when answered.retryable() -> retry(channel, entry, claimed,
                    answered.describe(), answered.retryAfter(), answered.mayHaveBeenProcessed());
            case Sender.Answered answered -> fail(channel, entry, claimed, answered.describe());
            case Sender.Failed failed -> retry(channel, entry, claimed, failed.error(), Optional.empty(),
                    failed.reached());
        };
    }

    /** Schedules the next attempt; always false: the channel's later messages wait for this one. */
    private boolean retry(Channels.Channel channel, Outbox.Entry entry, OutboxQueue.Claim claimed, String error,
                          Optional<Duration> retryAfter, boolean reached) throws SQLException {
        Duration wait = backoff.delay(entry.attempts() + 1);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get();
        }
        Instant now = clock.instant();
        if (recorded(entry, queue.retry(claimed, now.plus(wait), error, reached))) {
            count(channel.name(), "retried");
            unhealthy(channel, error, now);
        }
        return false;
    }

    /** A failure that would repeat: the message dies and the channel shows unhealthy. */
    private boolean fail(Channels.Channel channel, Outbox.Entry entry, OutboxQueue.Claim claimed, String error)
            throws SQLException {
        Instant now = clock.instant();
        if (!recorded(entry, queue.dead(claimed, now, error))) {
            return false;
        }
        died(entry, error);
        count(channel.name(), "dead");
        unhealthy(channel, error, now);
        return true;
    }

    /** Whether an outcome was recorded: not when the attempt's claim ran out and another one took the message. */
    private static boolean recorded(Outbox.Entry entry, boolean recorded) {
        if (!recorded) {
            LOG.info("Alert to {}: the claim on message {} ran out before its attempt ended; its outcome is not"
                    + " recorded, the attempt that holds the message now decides", entry.channel(), entry.id());
        }
        return recorded;
    }

    private void unhealthy(Channels.Channel channel, String error, Instant now) throws SQLException {
        if (health.failed(channel.name(), error, now)) {
            LOG.warn("Alert channel {} is unhealthy: {}", channel.name(), error);
        }
    }

    /** Messages of a channel no longer configured can never be sent. */
    private void abandon(String channel) throws SQLException {
        String error = "channel " + channel + " is not configured";
        for (Optional<OutboxQueue.Head> head = queue.head(channel); head.isPresent(); head = queue.head(channel)) {
            Outbox.Entry entry = head.get().entry();
            if (!queue.finishUnclaimed(entry.id(), Outbox.State.DEAD, clock.instant(), error)) {
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
}
