package dev.dapple.alert;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends one {@link HttpDelivery} with the JDK client, with bounded connect and request timeouts, and says what came
 * of it. Never follows redirects (a receiver's URL is configured, not discovered) and never names the URL in an
 * error: it may carry a token.
 */
final class Sender implements AutoCloseable {

    /** What an attempt came to. */
    sealed interface Result {
    }

    /** The receiver answered. */
    record Answered(int status, String bodyExcerpt, Optional<Duration> retryAfter) implements Result {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** 408, 429 and 5xx are worth another try; any other failure would fail the same way again. */
        boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }

        String describe() {
            return "HTTP " + status + (bodyExcerpt.isEmpty() ? "" : ": " + bodyExcerpt);
        }
    }

    /**
     * No answer was read.
     *
     * @param reached whether the request may have been sent (a read timeout, a reset): the receiver may have it
     */
    record Failed(String error, boolean reached) implements Result {
    }

    static final int EXCERPT = 300;

    private final HttpClient client;
    private final Duration requestTimeout;

    Sender(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    Result send(HttpDelivery delivery, Instant now) throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(delivery.uri()).timeout(requestTimeout)
                    .method(delivery.method(), HttpRequest.BodyPublishers.ofString(delivery.body()));
            delivery.headers().forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answered(response.statusCode(), excerpt(response.body()),
                    response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, now)));
        } catch (HttpConnectTimeoutException e) {
            return new Failed("could not connect within " + client.connectTimeout().orElseThrow().toMillis() + " ms",
                    false);
        } catch (HttpTimeoutException e) {
            return new Failed("no answer within " + requestTimeout.toMillis() + " ms", true);
        } catch (ConnectException e) {
            return new Failed("could not connect: " + (e.getMessage() == null ? "connection refused" : e.getMessage()),
                    false);
        } catch (UnresolvedAddressException e) {
            return new Failed("could not resolve the receiver's host", false);
        } catch (IOException e) {
            return new Failed("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
        } catch (IllegalArgumentException e) {
            // Not the exception's message: it may quote the URL, and with it a token.
            return new Failed("the request cannot be sent: check the channel's url (http or https) and headers",
                    false);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Retry-After as seconds or as an HTTP-date; empty when unreadable or already past. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    private static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
