package dev.dapple.probe.http;

import dev.dapple.result.ErrorKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.ssl.SslConfigurationException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns what the client threw into an {@link ErrorKind} and a plain sentence naming the target. */
final class FailureMapper {

    record Mapped(ErrorKind kind, String message) {
    }

    private FailureMapper() {
    }

    static Mapped map(Throwable error, URI uri) {
        String hostPort = uri.getHost() + ":" + port(uri);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslConfigurationException) {
                return new Mapped(ErrorKind.CONFIG, "cannot use the TLS settings for " + hostPort + ": " + reason(t));
            }
            if (t instanceof UnknownHostException) {
                return new Mapped(ErrorKind.DNS, "cannot resolve host " + uri.getHost());
            }
            if (t instanceof SSLException ssl) {
                return new Mapped(ErrorKind.TLS, "TLS handshake with " + hostPort + " failed: " + reason(ssl));
            }
            if (t instanceof ConnectException && !(t instanceof NoRouteToHostException)
                    && text(t).contains("refused")) {
                return new Mapped(ErrorKind.CONNECTION_REFUSED, "connection refused by " + hostPort);
            }
            if (t instanceof NoRouteToHostException) {
                return new Mapped(ErrorKind.NETWORK, "no route to " + hostPort);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException || text(t).contains("closed")) {
                return new Mapped(ErrorKind.NETWORK, "connection to " + hostPort + " closed before the response was complete");
            }
        }
        return new Mapped(ErrorKind.NETWORK, "request to " + hostPort + " failed: " + reason(deepest(error)));
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The innermost message, which names the real reason (e.g. the certificate problem) without class names. */
    static String reason(Throwable error) {
        String best = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
            }
        }
        return best == null ? error.getClass().getSimpleName() : best.replaceAll("^[\\w.$]+(Exception|Error): ", "");
    }

    private static Throwable deepest(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String text(@Nullable Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    }
}
