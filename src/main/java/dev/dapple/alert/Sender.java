package dev.dapple.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one {@link HttpDelivery} with the JDK client and says what came of it. Bounded in every way a receiver could
 * hold it up: the connect timeout, then one request timeout for the whole answer, body included, of which only the
 * first {@link #BODY_LIMIT} bytes are read. Never follows redirects (a receiver's URL is configured, not discovered) and never names the URL in an
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

        /**
         * Whether the receiver may have acted on the request although it failed: a 500 can come after the work was
         * done. Only 429 and 503 say the request was not processed.
         */
        boolean mayHaveBeenProcessed() {
            return status != 429 && status != 503;
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
    /** Bytes of an answer's body read at most: enough for any error message, bounded whatever the receiver sends. */
    static final int BODY_LIMIT = 2048;

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Clock clock;

    /** @param clock when an answer arrived: what a Retry-After date counts from */
    Sender(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    Result send(HttpDelivery delivery) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> answer;
        try {
            var request = HttpRequest.newBuilder(delivery.uri()).timeout(requestTimeout)
                    .method(delivery.method(), HttpRequest.BodyPublishers.ofString(delivery.body()));
            delivery.headers().forEach(request::header);
            answer = client.sendAsync(request.build(), info -> new FirstBytes(BODY_LIMIT));
        } catch (IllegalArgumentException e) {
            // Not the exception's message: it may quote the URL, and with it a token.
            return new Failed("the request cannot be sent: check the channel's url (http or https) and headers",
                    false);
        }
        try {
            // The request timeout alone ends at the answer's headers: this bounds its body too. Connecting has its
            // own bound, so a receiver that cannot be reached fails as such, not as one that did not answer.
            HttpResponse<String> response = answer.get(connectTimeout.plus(requestTimeout).toNanos(),
                    TimeUnit.NANOSECONDS);
            return new Answered(response.statusCode(), excerpt(response.body()),
                    response.headers().firstValue("Retry-After").flatMap(value -> retryAfter(value, clock.instant())));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return noAnswerInTime();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return failed(e.getCause());
        }
    }

    private Result failed(Throwable cause) {
        return switch (cause) {
            case IOException e when e.getCause() instanceof UnresolvedAddressException ->
                    new Failed("could not resolve the receiver's host", false);
            case HttpConnectTimeoutException e -> new Failed("could not connect within "
                    + client.connectTimeout().orElseThrow().toMillis() + " ms", false);
            case HttpTimeoutException e -> noAnswerInTime();
            case ConnectException e -> new Failed("could not connect: "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage()), false);
            case UnresolvedAddressException e -> new Failed("could not resolve the receiver's host", false);
            case IOException e -> new Failed("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
            case IllegalArgumentException e ->
                    new Failed("the request cannot be sent: check the channel's url (http or https) and headers", false);
            default -> new Failed("no answer: " + cause.getClass().getSimpleName(), true);
        };
    }

    private Failed noAnswerInTime() {
        return new Failed("no answer within " + requestTimeout.toMillis() + " ms", true);
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

    /** A body subscriber that keeps the first {@code limit} bytes and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<String> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - kept.size());
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.writeBytes(bytes);
            }
            if (kept.size() >= limit) {
                subscription.cancel();
                onComplete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(kept.toString(StandardCharsets.UTF_8));
        }

        @Override
        public CompletionStage<String> getBody() {
            return body;
        }
    }
}
