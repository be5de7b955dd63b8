package dev.dapple.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpMethod;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;

/**
 * Which requests need the admin token. Writes always do (the API's and the dashboard's forms alike); reads only with
 * {@code dapple.auth.read=token}.
 */
@Singleton
public final class AccessPolicy {

    /**
     * Paths open in every mode: load-balancer health checks, the login form itself, assets, the demo target, and the
     * public status page and badges.
     */
    private static final Set<String> ALWAYS_OPEN_PATHS = Set.of("/health", "/login", "/status");
    /** Whole trees; exact paths above are not prefixes, so a later {@code /statusz} is not open by accident. */
    private static final Set<String> ALWAYS_OPEN_PREFIXES = Set.of("/health/", "/static/", "/webjars/", "/demo/",
            "/badge/");
    /** Probes authenticate with their own per-location tokens. */
    private static final String PROBE_API = "/api/probe/";
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final boolean readsNeedToken;

    public AccessPolicy(@Value("${dapple.auth.read:open}") String readMode) {
        this.readsNeedToken = switch (readMode.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> false;
            case "token" -> true;
            default -> throw new IllegalArgumentException(
                    "dapple.auth.read must be 'open' or 'token', not '" + readMode + "'");
        };
    }

    public boolean needsAdminToken(HttpMethod method, String path) {
        if (path.startsWith(PROBE_API) || ALWAYS_OPEN_PATHS.contains(path)
                || ALWAYS_OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return false;
        }
        return WRITES.contains(method) || readsNeedToken;
    }

    public boolean readsNeedToken() {
        return readsNeedToken;
    }
}
