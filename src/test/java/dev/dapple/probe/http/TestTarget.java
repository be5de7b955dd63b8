package dev.dapple.probe.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/** A real HTTP(S) target on loopback, with the handlers the exchanger tests need. */
final class TestTarget implements AutoCloseable {

    static final int DELAY_MS = 50;
    static final int BIG = 2 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private TestTarget(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        route("/hello", ex -> {
            ex.getResponseHeaders().add("X-Multi", "a");
            ex.getResponseHeaders().add("X-Multi", "b");
            ex.getResponseHeaders().add("Allow", "GET, HEAD, OPTIONS");
            send(ex, 200, ex.getRequestMethod().equals("OPTIONS") ? "" : "hello");
        });
        route("/echo", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("X-Method", ex.getRequestMethod());
            ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> ex.getResponseHeaders().add("X-Got-" + name, v)));
            ex.getResponseHeaders().add("X-Got-Content-Type-Present", String.valueOf(ex.getRequestHeaders().containsKey("Content-Type")));
            sendBytes(ex, 200, body);
        });
        route("/delay", ex -> {
            sleep(DELAY_MS);
            send(ex, 200, "late");
        });
        route("/sleep", ex -> {
            sleep(10_000);
            send(ex, 200, "too late");
        });
        route("/big", ex -> sendBytes(ex, 200, new byte[BIG]));
        route("/endless", ex -> { // chunked, no length: only the client's cap stops it
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 16 * 1024; i++) { // 1 GiB unless the client hangs up
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the client stopped reading
            }
        });
        route("/redirect/", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring("/redirect/".length()));
            if (n == 0) {
                send(ex, 200, "arrived");
                return;
            }
            ex.getResponseHeaders().add("Location", n == 1 ? "/hello" : "/redirect/" + (n - 1));
            send(ex, 302, "");
        });
        route("/see-other", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", "/echo");
            send(ex, 303, "");
        });
        route("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            send(ex, 302, "");
        });
        server.start();
    }

    static TestTarget http() throws IOException {
        return new TestTarget(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static TestTarget https(SSLContext ssl) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new TestTarget(server);
    }

    URI uri(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void route(String path, Handler handler) {
        server.createContext(path, ex -> {
            try (ex) {
                handler.handle(ex);
            }
        });
    }

    private interface Handler extends HttpHandler {
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        sendBytes(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    static void sendBytes(HttpExchange ex, int status, byte[] body) throws IOException {
        boolean noBody = ex.getRequestMethod().equals("HEAD") || body.length == 0;
        ex.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            ex.getResponseBody().write(body);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
