package dev.dapple.auth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;

/**
 * Whether a request comes from an admin, the way {@link AdminTokenFilter} lets one through: the admin token as a
 * bearer token, or the session cookie the login form sets. Pages use it to offer admin actions only to admins.
 */
@Singleton
public final class AdminRequests {

    private static final String BEARER = "Bearer ";

    private final AdminToken token;

    public AdminRequests(AdminToken token) {
        this.token = token;
    }

    public boolean signedIn(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && token.matches(authorization.substring(BEARER.length()).strip())) {
            return true;
        }
        return token.matchesSession(request.getCookies().findCookie(AdminTokenFilter.SESSION_COOKIE)
                .map(Cookie::getValue).orElse(null));
    }
}
