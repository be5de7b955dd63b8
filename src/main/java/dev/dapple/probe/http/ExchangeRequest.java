package dev.dapple.probe.http;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP request of a journey step, in plain values.
 *
 * @param method          GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (upper-cased here)
 * @param uri             absolute http or https URI
 * @param headers         sent as given, repeated names allowed; the caller sets Content-Type
 * @param body            sent as given; empty for none
 * @param timeout         bounds the whole exchange, redirects included
 * @param followRedirects follow 3xx answers (at most {@link #MAX_REDIRECTS}); when false the 3xx is the response
 * @param tls             how to verify the server's certificate
 * @param maxBodyBytes    response bodies above this fail with BODY_TOO_LARGE ({@code dapple.probe.max-body})
 * @param reuseConnection keep the connection for the next exchange to the same origin instead of opening one per
 *                        exchange; off by default, so each run measures what a new user meets
 */
public record ExchangeRequest(String method, URI uri, List<Header> headers, byte[] body, Duration timeout,
                              boolean followRedirects, TlsOptions tls, long maxBodyBytes, boolean reuseConnection) {

    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    public static final int MAX_REDIRECTS = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExchangeRequest {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported HTTP method " + method + ", expected one of "
                    + List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"));
        }
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + uri);
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        Objects.requireNonNull(tls, "tls");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be 0 or more, not " + maxBodyBytes);
        }
    }

    /** A bodiless request with the defaults: 10 s timeout, redirects followed, default TLS, 1 MiB body cap. */
    public static ExchangeRequest of(String method, URI uri) {
        return new ExchangeRequest(method, uri, List.of(), new byte[0], DEFAULT_TIMEOUT, true, TlsOptions.DEFAULT,
                ProbeHttpConfiguration.DEFAULT_MAX_BODY, false);
    }

    public ExchangeRequest withHeaders(List<Header> newHeaders) {
        return new ExchangeRequest(method, uri, newHeaders, body, timeout, followRedirects, tls, maxBodyBytes, reuseConnection);
    }

    public ExchangeRequest withBody(byte[] newBody) {
        return new ExchangeRequest(method, uri, headers, newBody, timeout, followRedirects, tls, maxBodyBytes, reuseConnection);
    }

    public ExchangeRequest withTimeout(Duration newTimeout) {
        return new ExchangeRequest(method, uri, headers, body, newTimeout, followRedirects, tls, maxBodyBytes, reuseConnection);
    }

    public ExchangeRequest withFollowRedirects(boolean follow) {
        return new ExchangeRequest(method, uri, headers, body, timeout, follow, tls, maxBodyBytes, reuseConnection);
    }

    public ExchangeRequest withTls(TlsOptions newTls) {
        return new ExchangeRequest(method, uri, headers, body, timeout, followRedirects, newTls, maxBodyBytes, reuseConnection);
    }

    public ExchangeRequest withMaxBodyBytes(long max) {
        return new ExchangeRequest(method, uri, headers, body, timeout, followRedirects, tls, max, reuseConnection);
    }

    public ExchangeRequest withReuseConnection(boolean reuse) {
        return new ExchangeRequest(method, uri, headers, body, timeout, followRedirects, tls, maxBodyBytes, reuse);
    }

    /** The same request sent to another location, as a redirect asks. */
    ExchangeRequest redirectedTo(String newMethod, URI location, byte[] newBody, List<Header> newHeaders) {
        return new ExchangeRequest(newMethod, location, newHeaders, newBody, timeout, followRedirects, tls, maxBodyBytes,
                reuseConnection);
    }
}
