package dev.dapple.probe.remote;

import dev.dapple.http.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the probe API: every request under {@code /api/probe/} carries {@code Authorization: Bearer <token>} of a
 * stored token that is not revoked, or of a configured one. The token's location becomes the request's
 * {@link #LOCATION} attribute: a probe serves the location its token is bound to and no other. A refusal is a 401
 * and one log line that never contains the token.
 */
@ServerFilter("/api/probe/**")
@Requires(notEnv = Environment.CLI)
public final class ProbeTokenFilter {

    /** The request attribute holding the location the probe's token is bound to. */
    public static final String LOCATION = "dapple.probe.location";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final ProbeTokens stored;
    private final ConfiguredProbeTokens configured;

    public ProbeTokenFilter(ProbeTokens stored, ConfiguredProbeTokens configured) {
        this.stored = stored;
        this.configured = configured;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) throws SQLException {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return refuse(request, "missing probe token");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(request, "the Authorization header is not a Bearer token");
        }
        String token = authorization.substring(BEARER.length()).strip();
        Optional<String> location = token.isEmpty() ? Optional.empty() : configured.location(token);
        if (location.isEmpty() && !token.isEmpty()) {
            location = stored.location(token);
        }
        if (location.isEmpty()) {
            return refuse(request, "unknown or revoked probe token");
        }
        request.setAttribute(LOCATION, location.get());
        return null;
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, String reason) {
        LOG.warn("401 {} {} from {}: {}", request.getMethod(), request.getPath(),
                request.getRemoteAddress().getAddress().getHostAddress(), reason);
        return Problem.response(HttpStatus.UNAUTHORIZED, reason + ": send 'Authorization: Bearer <probe token>'"
                        + " (create one with 'java -jar dapple.jar token create --location NAME')")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dapple-probe\"");
    }
}
