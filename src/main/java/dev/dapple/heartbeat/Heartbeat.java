package dev.dapple.heartbeat;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-man's switch: the leader GETs {@code dapple.heartbeat.url} every interval, so an external service
 * (healthchecks.io, Dead Man's Snitch, Better Stack…) raises the alarm when the pings stop, i.e. when Dapple itself
 * is down and could page nobody. A failure is logged once until a ping works again. Logs name only the host: the
 * rest of such a URL is usually its secret.
 */
@Singleton
public final class Heartbeat {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    /** What a ping did; {@code logged} is the line it logged, null when it logged nothing (as before). */
    public record Ping(boolean ok, @Nullable String logged) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI url;
    private String lastProblem; // only the job's thread (or a test) pings

    @Inject
    Heartbeat(HeartbeatConfiguration config) {
        this(config.url().orElse(null));
    }

    Heartbeat(@Nullable URI url) {
        this.url = url;
    }

    /** One ping; never throws. */
    public synchronized Ping ping() {
        if (url == null) {
            return new Ping(false, null);
        }
        String problem;
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET()
                    .header("User-Agent", "dapple-heartbeat").build(), HttpResponse.BodyHandlers.discarding());
            problem = response.statusCode() / 100 == 2 ? null : "answered HTTP " + response.statusCode();
        } catch (IOException e) {
            problem = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ping(false, null);
        }
        String logged = null;
        if (problem == null && lastProblem != null) {
            logged = "Heartbeat: pinging " + url.getHost() + " works again";
            LOG.info(logged);
        } else if (problem != null && !Objects.equals(problem, lastProblem)) {
            logged = "Heartbeat: the ping to " + url.getHost() + " " + problem
                    + "; the heartbeat service will report Dapple as down (logged once until it works again)";
            LOG.warn(logged);
        }
        lastProblem = problem;
        return new Ping(problem == null, logged);
    }

    /** Frees the client's threads and connections at shutdown; a ping after it fails. */
    @PreDestroy
    void close() {
        client.close();
    }
}
