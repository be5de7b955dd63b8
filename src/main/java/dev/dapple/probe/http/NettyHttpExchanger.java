package dev.dapple.probe.http;

import dev.dapple.probe.http.ExchangeResult.Failure;
import dev.dapple.probe.http.ExchangeResult.Response;
import dev.dapple.result.ErrorKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.netty.channel.Channel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Micronaut (Netty) client behind {@link HttpExchanger}: follows redirects itself so each hop is timed, bounds
 * the whole chain by the request's timeout, and reads every timing from the event loop ({@link ExchangeRecorder}).
 */
@Singleton
final class NettyHttpExchanger implements HttpExchanger {

    private final ProbeClients clients;
    private final ExchangeTimingRegistry timing;
    private final Clock clock;

    @Inject
    NettyHttpExchanger(ProbeClients clients, ExchangeTimingRegistry timing, Optional<Clock> clock) {
        this.clients = clients;
        this.timing = timing;
        this.clock = clock.orElseGet(Clock::systemUTC);
    }

    @Override
    public ExchangeResult exchange(ExchangeRequest request) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Timings spent = Timings.NONE;
        List<URI> chain = new ArrayList<>();
        ExchangeRequest hop = request;
        while (true) {
            ExchangeResult result = send(hop, deadline, request.timeout());
            Timings total = spent.plus(result.timings());
            if (result instanceof Failure f) {
                return new Failure(f.kind(), f.message(), total);
            }
            Response r = (Response) result;
            URI next = request.followRedirects() ? Redirects.target(hop.uri(), r.status(), r.header("Location")) : null;
            if (next == null) {
                return new Response(r.status(), r.headers(), r.body(), total, r.newConnection(), r.tlsDaysLeft(), chain);
            }
            if (chain.size() == ExchangeRequest.MAX_REDIRECTS) {
                return new Failure(ErrorKind.NETWORK, "more than " + ExchangeRequest.MAX_REDIRECTS
                        + " redirects (the last one to " + next + ")", total);
            }
            chain.add(next);
            spent = total;
            hop = Redirects.follow(hop, r.status(), next);
        }
    }

    /** One request on the wire; its result carries no redirect chain. */
    private ExchangeResult send(ExchangeRequest request, long deadline, Duration timeout) {
        long start = System.nanoTime();
        if (deadline - start <= 0) {
            return timedOut(timeout, Timings.NONE);
        }
        Path caFile = request.tls().caFile();
        if (caFile != null && !Files.isReadable(caFile)) {
            return new Failure(ErrorKind.CONFIG, "cannot read the CA file " + caFile, Timings.NONE);
        }
        HttpClient client;
        try {
            client = clients.client(request.tls(), request.reuseConnection());
        } catch (RuntimeException e) {
            return new Failure(ErrorKind.CONFIG, "cannot use the TLS settings"
                    + (caFile == null ? "" : " with CA file " + caFile) + ": " + FailureMapper.reason(e), Timings.NONE);
        }
        boolean hasContentType = request.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"));
        ExchangeRecorder recorder = timing.open(request.maxBodyBytes(), request.method().equals("HEAD"),
                request.body().length > 0 && !hasContentType);
        CompletableFuture<HttpResponse<byte[]>> future = null;
        try {
            future = FirstItem.of(client.exchange(toMicronaut(request, recorder.id), byte[].class));
            HttpResponse<byte[]> response = future.get(deadline - start, TimeUnit.NANOSECONDS);
            long now = System.nanoTime();
            if (recorder.bodyTooLarge() != null) {
                return new Failure(ErrorKind.BODY_TOO_LARGE, recorder.bodyTooLarge(), recorder.timings(start, now));
            }
            Timings timings = recorder.timings(start, now);
            if (request.reuseConnection()) {
                awaitRelease(recorder);
            }
            return toResponse(response, recorder, timings);
        } catch (TimeoutException e) {
            abort(future, recorder);
            return timedOut(timeout, recorder.timings(start, System.nanoTime()));
        } catch (ExecutionException e) {
            Timings timings = recorder.timings(start, System.nanoTime());
            if (recorder.bodyTooLarge() != null) {
                return new Failure(ErrorKind.BODY_TOO_LARGE, recorder.bodyTooLarge(), timings);
            }
            if (e.getCause() instanceof HttpClientResponseException status) {
                // 4xx/5xx arrive as an exception carrying the complete response
                if (request.reuseConnection()) {
                    awaitRelease(recorder);
                }
                return toResponse(status.getResponse(), recorder, timings);
            }
            FailureMapper.Mapped mapped = FailureMapper.map(e.getCause(), request.uri());
            return new Failure(mapped.kind(), mapped.message(), timings);
        } catch (RuntimeException e) {
            abort(future, recorder);
            return new Failure(ErrorKind.INTERNAL, "the probe could not send the request: " + FailureMapper.reason(e),
                    recorder.timings(start, System.nanoTime()));
        } catch (InterruptedException e) {
            abort(future, recorder);
            Thread.currentThread().interrupt();
            return new Failure(ErrorKind.INTERNAL, "the probe was interrupted", recorder.timings(start, System.nanoTime()));
        } finally {
            timing.close(recorder);
        }
    }

    private static MutableHttpRequest<Object> toMicronaut(ExchangeRequest request, String exchangeId) {
        MutableHttpRequest<Object> out = HttpRequest.create(HttpMethod.parse(request.method()), request.uri().toString());
        for (Header h : request.headers()) {
            out.getHeaders().add(h.name(), h.value());
        }
        out.getHeaders().add(ExchangeTimingRegistry.HEADER, exchangeId);
        if (request.body().length > 0) {
            out.body(formEncoded(out) ? asText(out, request.body()) : request.body());
        }
        return out;
    }

    private static boolean formEncoded(MutableHttpRequest<?> request) {
        return request.getContentType().map(MediaType.APPLICATION_FORM_URLENCODED_TYPE::equals).orElse(false);
    }

    /**
     * Micronaut's client reads a form-urlencoded body that is not text as a bean to encode (and fails on bytes); as
     * text it is sent as is, encoded with the Content-Type's charset (default UTF-8), so decode with that one.
     */
    private static String asText(MutableHttpRequest<?> request, byte[] body) {
        Charset charset = request.getContentType().flatMap(MediaType::getCharset).orElse(StandardCharsets.UTF_8);
        return new String(body, charset);
    }

    private Response toResponse(HttpResponse<?> response, ExchangeRecorder recorder, Timings timings) {
        List<Header> headers = new ArrayList<>();
        response.getHeaders().forEach((name, values) -> values.forEach(v -> headers.add(new Header(name, v))));
        byte[] body = response.getBody(byte[].class).orElse(new byte[0]);
        boolean newConnection = recorder.connection() == null || recorder.newConnection();
        return new Response(response.code(), headers, body, timings, newConnection, daysLeft(recorder.peerNotAfter()),
                List.of());
    }

    private @Nullable Integer daysLeft(@Nullable Instant notAfter) {
        if (notAfter == null) {
            return null;
        }
        return (int) Math.floorDiv(Duration.between(clock.instant(), notAfter).toSeconds(), 86_400L);
    }

    /**
     * The client hands the connection back to its pool in the event-loop task that delivered the response; waiting
     * for that loop to run one more task lets the next exchange find the connection instead of racing it.
     */
    private static void awaitRelease(ExchangeRecorder recorder) {
        ConnectionTimer connection = recorder.connection();
        Channel channel = connection == null ? null : connection.channel();
        if (channel != null) {
            channel.eventLoop().submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    /** Stops the exchange and drops its connection, so a late answer cannot reach the next exchange. */
    private static void abort(@Nullable CompletableFuture<?> future, ExchangeRecorder recorder) {
        if (future != null) {
            future.cancel(true);
        }
        ConnectionTimer connection = recorder.connection();
        if (connection != null && connection.channel() != null) {
            connection.channel().close();
        }
    }

    private static Failure timedOut(Duration timeout, Timings timings) {
        return new Failure(ErrorKind.TIMEOUT, "no response within " + asWritten(timeout), timings);
    }

    /** "2s", "1500ms": the units people write in journeys, not ISO-8601. */
    static String asWritten(Duration d) {
        if (d.toNanos() % 1_000_000_000L == 0) {
            return d.toSeconds() + "s";
        }
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + "ms" : d.toNanos() / 1000 + "µs";
    }
}
