package dev.dapple.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real shop-like HTTP(S) target on loopback for the runner's tests. It records every request it receives, so tests
 * check what the runner sent, and serves a few fixed answers:
 * <ul>
 * <li>{@code POST /api/login}: {@code {"token":"t-123"}} with {@code X-Session: s-42}
 * <li>{@code /api/me}: 200 only with {@code Authorization: Bearer t-123}, else 401
 * <li>{@code /cart}: {@link #CART} as JSON with {@code X-Request-Id: r-1}
 * <li>{@code /page}: an HTML form with a csrf field; {@code /text}: plain text
 * <li>{@code /echo}: the request body back, each request header as {@code X-Got-NAME}
 * <li>{@code /delay?ms=N}, {@code /status/N}, {@code /big} ({@link #BIG} bytes), {@code /redirect} (302 to /cart)
 * </ul>
 */
final class JourneyTarget implements AutoCloseable {

    static final String CART = "{\"items\":[{\"sku\":\"MUG-001\",\"qty\":2,\"price\":12.5}],\"tags\":[\"gift\",\"mug\"],"
            + "\"currency\":\"EUR\",\"discount\":null,\"locked\":false,\"total\":25}";
    static final String PAGE = "<form><input type=\"hidden\" name=\"csrf\" value=\"c-9\"></form>";
    static final int BIG = 4096;

    /** One request as the target received it. */
    record Received(String method, String path, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private JourneyTarget(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        route("/api/login", (ex, req) -> {
            ex.getResponseHeaders().add("X-Session", "s-42");
            json(ex, 200, "{\"token\":\"t-123\",\"user\":\"qa-bot\"}");
        });
        route("/api/me", (ex, req) -> {
            boolean ok = "Bearer t-123".equals(ex.getRequestHeaders().getFirst("Authorization"));
            json(ex, ok ? 200 : 401, ok ? "{\"user\":\"qa-bot\"}" : "{\"error\":\"unauthorized\"}");
        });
        route("/cart", (ex, req) -> {
            ex.getResponseHeaders().add("X-Request-Id", "r-1");
            json(ex, 200, CART);
        });
        route("/page", (ex, req) -> send(ex, 200, "text/html", PAGE));
        route("/text", (ex, req) -> send(ex, 200, "text/plain", "just text"));
        route("/echo", (ex, req) -> {
            ex.getRequestHeaders().forEach((name, values) -> ex.getResponseHeaders().add("X-Got-" + name, values.getFirst()));
            send(ex, 200, "application/json", req.body());
        });
        route("/delay", (ex, req) -> {
            long millis = Long.parseLong(ex.getRequestURI().getQuery().substring("ms=".length()));
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(ex, 200, "text/plain", "late");
        });
        route("/status/", (ex, req) -> send(ex, Integer.parseInt(ex.getRequestURI().getPath().substring("/status/".length())),
                "text/plain", "status"));
        route("/big", (ex, req) -> send(ex, 200, "text/plain", "x".repeat(BIG)));
        route("/redirect", (ex, req) -> {
            ex.getResponseHeaders().add("Location", "/cart");
            ex.sendResponseHeaders(302, -1);
        });
        server.start();
    }

    static JourneyTarget http() throws IOException {
        return new JourneyTarget(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static JourneyTarget https(SSLContext ssl) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        return new JourneyTarget(server);
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String base() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.getLast();
    }

    void clear() {
        received.clear();
    }

    private void route(String path, Handler handler) {
        server.createContext(path, ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                var request = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8));
                received.add(request);
                handler.handle(ex, request);
            }
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange, Received request) throws IOException;
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
