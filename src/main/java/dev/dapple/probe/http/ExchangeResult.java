package dev.dapple.probe.http;

import dev.dapple.result.ErrorKind;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/** What one exchange ended with: a response of any status, or a failure to get one. */
public sealed interface ExchangeResult permits ExchangeResult.Response, ExchangeResult.Failure {

    Timings timings();

    /**
     * A complete response (any status, including 4xx/5xx, and 3xx when redirects are not followed).
     *
     * @param newConnection whether the final hop opened a new connection (false only when reusing one)
     * @param tlsDaysLeft   whole days until the server certificate's notAfter (negative once expired); null for HTTP
     * @param redirects     the locations followed, in order; empty when there was no redirect
     */
    record Response(int status, List<Header> headers, byte[] body, Timings timings, boolean newConnection,
                    @Nullable Integer tlsDaysLeft, List<URI> redirects) implements ExchangeResult {
        public Response {
            headers = List.copyOf(headers);
            redirects = List.copyOf(redirects);
            Objects.requireNonNull(body, "body");
        }

        /** All values of a header, compared without case, in the order received. */
        public List<String> headers(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
        }

        /** The first value of a header, or null. */
        public @Nullable String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.getFirst();
        }
    }

    /** No usable response: the message is plain words for the dashboard, e.g. "connection refused by 127.0.0.1:1". */
    record Failure(ErrorKind kind, String message, Timings timings) implements ExchangeResult {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
