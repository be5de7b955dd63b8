package dev.dapple.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver for alert messages on a free local port: records what arrives and answers with scripted
 * statuses (200 once the script is used up). A script entry can also hold the answer back until released, so a
 * request times out after it reached the receiver.
 */
final class ScriptedReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String messageId, String kind, String key, String body) {
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body, boolean hang) {

        static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status, false);
        }

        static Answer hanging() {
            return new Answer(200, Map.of(), "", true);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    ScriptedReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** Answers the next requests with these, in order. */
    synchronized void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized void reset() {
        script.clear();
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Message-Id"),
                    exchange.getRequestHeaders().getFirst("X-Alert-Kind"),
                    exchange.getRequestHeaders().getFirst("X-Alert-Key"), body));
            answer = script.isEmpty() ? Answer.status(200) : script.poll();
        }
        if (answer.hang()) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
