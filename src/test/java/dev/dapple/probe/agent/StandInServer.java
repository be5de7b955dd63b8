package dev.dapple.probe.agent;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for a Dapple server speaking the probe protocol on loopback: it records every request (so tests assert
 * what the agent sent) and answers as scripted by {@link #mode}.
 */
final class StandInServer implements AutoCloseable {

    /** How it answers every request. */
    enum Mode { DAPPLE, UNAUTHORIZED, NOT_DAPPLE, FAILING, REJECTING_RESULTS, REFUSING_FIRST_RESULT }

    /** One request as received. */
    record Received(String method, String path, String query, String authorization, String body) {
    }

    static final String WELCOME = "{\"server\":\"dapple\",\"version\":\"9.9.9\",\"location\":\"%s\","
            + "\"heartbeatInterval\":\"PT0.1S\",\"heartbeatExpiry\":\"PT30S\",\"pullInterval\":\"PT0.1S\"}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final String location;
    volatile Mode mode = Mode.DAPPLE;
    volatile String assignments;
    volatile String welcome;

    private StandInServer(int port, String location, String assignments) throws IOException {
        this.location = location;
        this.assignments = assignments;
        this.welcome = WELCOME.formatted(location);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static StandInServer start(String location, String assignments) throws IOException {
        return new StandInServer(0, location, assignments);
    }

    /** A stand-in on the port of one that was closed: the same server coming back after an outage. */
    static StandInServer restart(StandInServer previous) throws IOException {
        return new StandInServer(previous.port(), previous.location, previous.assignments);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> to(String path) {
        return received.stream().filter(r -> r.path().equals("/api/probe/" + path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        Mode current = mode;
        if (current == Mode.REJECTING_RESULTS) {
            if (path.equals("/api/probe/results")) {
                send(exchange, 400, "application/problem+json",
                        "{\"status\":400,\"detail\":\"a result's location is not the token's\"}");
                return;
            }
            current = Mode.DAPPLE;
        }
        if (current == Mode.REFUSING_FIRST_RESULT && path.equals("/api/probe/results")) {
            int count = JsonPath.read(body, "$.results.length()");
            String id = JsonPath.read(body, "$.results[0].id");
            send(exchange, 200, "application/json", "{\"accepted\":" + (count - 1) + ",\"duplicates\":0,"
                    + "\"refused\":[{\"id\":\"" + id + "\",\"reason\":\"planned too far ahead\"}]}");
            return;
        }
        if (current == Mode.REFUSING_FIRST_RESULT) {
            current = Mode.DAPPLE;
        }
        switch (current) {
            case UNAUTHORIZED -> send(exchange, 401, "application/problem+json",
                    "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"unknown probe token\"}");
            case NOT_DAPPLE -> send(exchange, 200, "text/html", "<html><body>Welcome to nginx!</body></html>");
            case FAILING -> send(exchange, 500, "application/problem+json", "{\"status\":500}");
            default -> {
                switch (path) {
                    case "/api/probe/register" -> send(exchange, 200, "application/json", welcome);
                    case "/api/probe/heartbeat" -> send(exchange, 204, null, null);
                    case "/api/probe/assignments" -> send(exchange, 200, "application/json", assignments);
                    case "/api/probe/results" -> {
                        int count = JsonPath.read(body, "$.results.length()");
                        send(exchange, 200, "application/json", "{\"accepted\":" + count + ",\"duplicates\":0}");
                    }
                    default -> send(exchange, 404, "text/plain", "no such path");
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
