package dev.dapple.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of alert channel ({@code dapple.channels.NAME.type}): a bean that turns a queued message into the HTTP
 * request its receiver expects. Adding a channel is one new class implementing this, plus its test.
 */
public interface ChannelType {

    /** The name used in {@code type}, e.g. {@code pagerduty}. */
    String type();

    /** Fields a channel of this type must set (besides {@code type}). */
    Set<String> requiredFields();

    /** Fields it may set (besides {@code type}, {@code drills} and the required ones). */
    Set<String> optionalFields();

    /**
     * The request for {@code message} at attempt time {@code now}; empty when this type has nothing to send for the
     * message's kind (e.g. a reminder to a tool that escalates by itself). Called again on each attempt, so a
     * signature can carry the attempt's time; everything else must be the same on every attempt.
     */
    Optional<HttpDelivery> request(ChannelSettings channel, OutboxMessage message, Instant now);

    /**
     * How often a sent trigger is sent again until its resolve is sent, for receivers that expire alerts which are
     * not refreshed (Alertmanager); empty for the others.
     */
    default Optional<Duration> resendWhileFiring(ChannelSettings channel) {
        return Optional.empty();
    }

    /**
     * What is wrong with a channel's values beyond a missing or unknown field (a malformed URL, duration or secret),
     * each naming its key; {@link Channels} stops the server on any. By default: {@code url}, when set, must be an
     * absolute http(s) URL.
     */
    default List<String> problems(ChannelSettings channel) {
        return channel.urlProblem().stream().toList();
    }
}
