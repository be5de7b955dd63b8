package dev.dapple.probe.http;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Where a 3xx points and what the next request looks like, as browsers do it. */
final class Redirects {

    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "content-encoding");
    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

    private Redirects() {
    }

    /** The absolute target of a redirect response, or null when it is not one we follow. */
    static @Nullable URI target(URI from, int status, @Nullable String location) {
        if (!STATUSES.contains(status) || location == null || location.isBlank()) {
            return null;
        }
        try {
            URI next = from.resolve(location.strip());
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && next.getHost() != null ? next : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 303, and 301/302 after a POST, become a bodiless GET; 307/308 repeat the request. Credentials stay on-origin. */
    static ExchangeRequest follow(ExchangeRequest request, int status, URI next) {
        boolean toGet = status == 303 && !request.method().equals("HEAD")
                || (status == 301 || status == 302) && request.method().equals("POST");
        String method = toGet ? "GET" : request.method();
        byte[] body = toGet ? new byte[0] : request.body();
        boolean sameOrigin = sameOrigin(request.uri(), next);
        List<Header> headers = request.headers().stream()
                .filter(h -> !toGet || !BODY_HEADERS.contains(h.name().toLowerCase(Locale.ROOT)))
                .filter(h -> sameOrigin || !CREDENTIAL_HEADERS.contains(h.name().toLowerCase(Locale.ROOT)))
                .toList();
        return request.redirectedTo(method, next, body, headers);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
