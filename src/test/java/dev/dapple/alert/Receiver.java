package dev.dapple.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver for alert messages on a free local port: records every request and answers with scripted
 * statuses (202 once the script is used up). A script entry can also hold its answer back until the receiver
 * closes, so a request times out after it reached the receiver; and every answer can be delayed a little, as a real
 * receiver's would be.
 */
public final class Receiver implements AutoCloseable {

    /** A request as received; header names in lower case. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : String.join(",", values);
        }
    }

    /** What {@link RecordingChannelType} put in its headers, for the delivery tests. */
    record Received(String messageId, String kind, String key, String body) {
    }

    /**
     * One scripted answer.
     *
     * @param hang      hold the whole answer back until the receiver closes
     * @param stallBody send the status and the start of the body, then hold the rest back until the receiver closes
     */
    record Answer(int status, Map<String, String> headers, String body, boolean hang, boolean stallBody) {

        Answer(int status, Map<String, String> headers, String body, boolean hang) {
            this(status, headers, body, hang, false);
        }

        static Answer stallingBody(int status) {
            return new Answer(status, Map.of(), "the start of an answer that never ends", false, true);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), "status " + status, false);
        }

        static Answer hanging() {
            return new Answer(200, Map.of(), "", true);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile Duration delay = Duration.ZERO;

    /** A started receiver; tests close it. */
    public static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** This receiver's URL for {@code path}, e.g. {@code /v2/enqueue}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The URL the delivery tests configure. */
    String url() {
        return url("/alerts");
    }

    URI uri() {
        return URI.create(url(""));
    }

    /** Answers the next requests with these, in order. */
    synchronized void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** Holds back every answer this long, so concurrent senders overlap while a request is in flight. */
    void delayEachAnswer(Duration delay) {
        this.delay = delay;
    }

    /** Waits until at least {@code count} requests arrived; fails after 10 s. */
    synchronized void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (requests.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " requests, got " + requests.size());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every request so far, in arrival order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Received> received() {
        return requests.stream().map(r -> new Received(r.header("X-Message-Id"), r.header("X-Alert-Kind"),
                r.header("X-Alert-Key"), r.body())).toList();
    }

    synchronized void reset() {
        script.clear();
        requests.clear();
    }

    /** Sends {@code delivery} as the dispatcher does, with the JDK client, and returns what this receiver got. */
    Request send(HttpDelivery delivery) {
        var request = HttpRequest.newBuilder(delivery.uri())
                .method(delivery.method(), HttpRequest.BodyPublishers.ofString(delivery.body()));
        delivery.headers().forEach(request::header);
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                throw new AssertionError("receiver answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return requests().getLast();
    }

    private void handle(HttpExchange exchange) throws IOException {
        var headers = new TreeMap<String, List<String>>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
            notifyAll();
            answer = script.isEmpty() ? new Answer(202, Map.of(), "", false) : script.poll();
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        if (answer.stallBody()) {
            exchange.sendResponseHeaders(answer.status(), 0); // chunked: the body's end is never announced
            exchange.getResponseBody().write(bytes);
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
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
