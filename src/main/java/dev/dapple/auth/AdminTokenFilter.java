package dev.dapple.auth;

import dev.dapple.http.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses requests that need the admin token and lack it; browsers are sent to the login form instead. */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
public final class AdminTokenFilter {

    static final String SESSION_COOKIE = "dapple_session";
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final AccessPolicy policy;
    private final AdminToken token;

    public AdminTokenFilter(AccessPolicy policy, AdminToken token) {
        this.policy = policy;
        this.token = token;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (!policy.needsAdminToken(request.getMethod(), path)) {
            return null;
        }
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (token.matches(authorization.substring(BEARER.length()).strip())) {
                return null;
            }
            return refuse(request, "wrong admin token");
        }
        if (token.matchesSession(request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).orElse(null))) {
            return null;
        }
        if (authorization != null) {
            return refuse(request, "the Authorization header is not a Bearer token");
        }
        if (request.getMethod() == HttpMethod.GET && acceptsHtml(request) && !path.startsWith("/api")) {
            String next = URLEncoder.encode(request.getUri().toString(), StandardCharsets.UTF_8);
            return HttpResponse.seeOther(URI.create("/login?next=" + next));
        }
        return refuse(request, "missing admin token");
    }

    private static boolean acceptsHtml(HttpRequest<?> request) {
        return request.accept().stream().anyMatch(type -> type.matches(MediaType.TEXT_HTML_TYPE));
    }

    private static HttpResponse<?> refuse(HttpRequest<?> request, String reason) {
        LOG.warn("401 {} {} from {}: {}", request.getMethod(), request.getPath(),
                request.getRemoteAddress().getAddress().getHostAddress(), reason);
        return Problem.response(HttpStatus.UNAUTHORIZED,
                        reason + ": send 'Authorization: Bearer <admin token>' (DAPPLE_ADMIN_TOKEN or <data dir>/admin.token)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dapple\"");
    }
}
