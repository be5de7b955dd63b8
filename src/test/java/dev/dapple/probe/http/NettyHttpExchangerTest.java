package dev.dapple.probe.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.probe.http.ExchangeResult.Failure;
import dev.dapple.probe.http.ExchangeResult.Response;
import dev.dapple.result.ErrorKind;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NettyHttpExchangerTest {

    @Inject
    HttpExchanger exchanger;

    TestTarget target;

    @BeforeAll
    void start() throws IOException {
        target = TestTarget.http();
    }

    @AfterAll
    void stop() {
        target.close();
    }

    private Response ok(ExchangeRequest request) {
        ExchangeResult result = exchanger.exchange(request);
        return assertInstanceOf(Response.class, result, () -> "expected a response, got " + result);
    }

    private Failure failed(ExchangeRequest request) {
        ExchangeResult result = exchanger.exchange(request);
        return assertInstanceOf(Failure.class, result, () -> "expected a failure, got " + result);
    }

    private static String text(Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void getReturnsStatusBodyAndRepeatedHeaders() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/hello")));
        assertEquals(200, r.status());
        assertEquals("hello", text(r));
        assertEquals(List.of("a", "b"), r.headers("x-multi"));
        assertNull(r.tlsDaysLeft());
        assertEquals(List.of(), r.redirects());
    }

    @Test
    void postSendsBodyAndHeadersAsGiven() {
        byte[] body = "{\"user\":\"qa-bot\"}".getBytes(StandardCharsets.UTF_8);
        Response r = ok(ExchangeRequest.of("post", target.uri("/echo")).withBody(body).withHeaders(List.of(
                new Header("Content-Type", "application/json"), new Header("X-Tag", "one"), new Header("X-Tag", "two"))));
        assertEquals(200, r.status());
        assertArrayEquals(body, r.body());
        assertEquals("POST", r.header("X-Method"));
        assertEquals("application/json", r.header("X-Got-Content-type"));
        assertEquals(List.of("one", "two"), r.headers("X-Got-X-tag"));
        assertTrue(r.headers("X-Got-X-dapple-exchange").isEmpty(), "the correlation header never leaves the probe");
    }

    @Test
    void aFormUrlEncodedBodyIsSentAsGiven() {
        byte[] body = "nickname=QA%20Bot&note=%C3%BC".getBytes(StandardCharsets.UTF_8);
        Response r = ok(ExchangeRequest.of("PATCH", target.uri("/echo")).withBody(body).withHeaders(List.of(
                new Header("Content-Type", "application/x-www-form-urlencoded"))));
        assertEquals(200, r.status());
        assertArrayEquals(body, r.body());
        assertEquals("application/x-www-form-urlencoded", r.header("X-Got-Content-type"));
    }

    @Test
    void aBodyWithoutContentTypeIsSentWithoutOne() {
        Response r = ok(ExchangeRequest.of("PUT", target.uri("/echo")).withBody(new byte[] {1, 2, 3}));
        assertEquals("PUT", r.header("X-Method"));
        assertArrayEquals(new byte[] {1, 2, 3}, r.body());
        assertEquals("false", r.header("X-Got-Content-Type-Present"));
    }

    @Test
    void patchAndDeleteAreSent() {
        assertEquals("PATCH", ok(ExchangeRequest.of("PATCH", target.uri("/echo")).withBody(new byte[] {1})).header("X-Method"));
        assertEquals("DELETE", ok(ExchangeRequest.of("DELETE", target.uri("/echo"))).header("X-Method"));
    }

    @Test
    void headAndOptionsWork() {
        Response head = ok(ExchangeRequest.of("HEAD", target.uri("/hello")));
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        Response options = ok(ExchangeRequest.of("OPTIONS", target.uri("/hello")));
        assertEquals(200, options.status());
        assertEquals("GET, HEAD, OPTIONS", options.header("Allow"));
    }

    @Test
    void headOfALargeResourceIsNotCappedByItsContentLength() {
        Response head = ok(ExchangeRequest.of("HEAD", target.uri("/big")).withMaxBodyBytes(1024));
        assertEquals(200, head.status());
    }

    @Test
    void timingsArePlausibleAndMeasuredInsideTheClient() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/delay")));
        Timings t = r.timings();
        long delay = TestTarget.DELAY_MS * 1000L;
        assertTrue(t.totalMicros() >= delay, "total " + t);
        assertTrue(t.totalMicros() < delay + 2_000_000, "total " + t);
        assertNull(t.dnsMicros(), "an IP literal needs no lookup");
        assertNotNull(t.connectMicros());
        assertNull(t.tlsMicros(), "plain HTTP");
        assertNotNull(t.firstByteMicros());
        assertTrue(t.firstByteMicros() >= delay, "first byte " + t);
        assertTrue(t.connectMicros() + t.firstByteMicros() <= t.totalMicros(), "phases within total " + t);
        assertTrue(r.newConnection());
    }

    @Test
    void aHostNameIsResolvedAndTheLookupTimed() {
        URI byName = URI.create("http://localhost:" + target.port() + "/hello");
        Response r = ok(ExchangeRequest.of("GET", byName));
        assertEquals(200, r.status());
        assertNotNull(r.timings().dnsMicros(), "timings " + r.timings());
        assertTrue(r.timings().dnsMicros() <= r.timings().totalMicros());
    }

    @Test
    void everyExchangeOpensANewConnectionByDefault() {
        for (int i = 0; i < 3; i++) {
            Response r = ok(ExchangeRequest.of("GET", target.uri("/hello")));
            assertTrue(r.newConnection(), "exchange " + i);
            assertNotNull(r.timings().connectMicros());
        }
    }

    @Test
    void reuseModeKeepsTheConnection() {
        ExchangeRequest request = ExchangeRequest.of("GET", target.uri("/hello")).withReuseConnection(true);
        Response first = ok(request);
        assertTrue(first.newConnection());
        for (int i = 0; i < 5; i++) {
            Response next = ok(request);
            assertFalse(next.newConnection(), "exchange " + i);
            assertNull(next.timings().connectMicros(), "no connect on a reused connection");
            assertNotNull(next.timings().firstByteMicros());
        }
    }

    @Test
    void aBodyAboveTheCapFailsWithoutReadingIt() {
        Failure f = failed(ExchangeRequest.of("GET", target.uri("/big")));
        assertEquals(ErrorKind.BODY_TOO_LARGE, f.kind());
        assertEquals("response body exceeds 1 MiB (dapple.probe.max-body)", f.message());
    }

    @Test
    void anEndlessChunkedBodyIsCutAtTheCap() {
        long start = System.nanoTime();
        Failure f = failed(ExchangeRequest.of("GET", target.uri("/endless")).withMaxBodyBytes(512 * 1024));
        assertEquals(ErrorKind.BODY_TOO_LARGE, f.kind());
        assertEquals("response body exceeds 512 KiB (dapple.probe.max-body)", f.message());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "stopped early");
    }

    @Test
    void aBodyAtTheCapIsRead() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/big")).withMaxBodyBytes(TestTarget.BIG));
        assertEquals(TestTarget.BIG, r.body().length);
    }

    @Test
    void aSlowServerTimesOutPromptly() {
        long start = System.nanoTime();
        Failure f = failed(ExchangeRequest.of("GET", target.uri("/sleep")).withTimeout(Duration.ofMillis(300)));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(ErrorKind.TIMEOUT, f.kind());
        assertEquals("no response within 300ms", f.message());
        assertTrue(tookMs < 2_000, "returned after " + tookMs + " ms");
        assertTrue(f.timings().totalMicros() >= 300_000, "timings so far " + f.timings());
        assertNotNull(f.timings().connectMicros(), "the connect was measured before the timeout");
    }

    @Test
    void timeoutsAreWrittenAsInJourneys() {
        assertEquals("2s", NettyHttpExchanger.asWritten(Duration.ofSeconds(2)));
        assertEquals("1500ms", NettyHttpExchanger.asWritten(Duration.ofMillis(1500)));
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Failure f = failed(ExchangeRequest.of("GET", URI.create("http://127.0.0.1:" + port + "/")));
        assertEquals(ErrorKind.CONNECTION_REFUSED, f.kind());
        assertEquals("connection refused by 127.0.0.1:" + port, f.message());
    }

    @Test
    void anUnresolvableHostIsDns() {
        Failure f = failed(ExchangeRequest.of("GET", URI.create("http://nope.invalid/")));
        assertEquals(ErrorKind.DNS, f.kind());
        assertEquals("cannot resolve host nope.invalid", f.message());
    }

    @Test
    void redirectsAreFollowedAndRecorded() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/redirect/3")));
        assertEquals(200, r.status());
        assertEquals("hello", text(r));
        assertEquals(List.of(target.uri("/redirect/2"), target.uri("/redirect/1"), target.uri("/hello")), r.redirects());
    }

    @Test
    void redirectsAreNotFollowedWhenTurnedOff() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/redirect/3")).withFollowRedirects(false));
        assertEquals(302, r.status());
        assertEquals("/redirect/2", r.header("Location"));
        assertEquals(List.of(), r.redirects());
    }

    @Test
    void seeOtherTurnsAPostIntoAGet() {
        Response r = ok(ExchangeRequest.of("POST", target.uri("/see-other")).withBody("x".getBytes(StandardCharsets.UTF_8))
                .withHeaders(List.of(new Header("Content-Type", "text/plain"))));
        assertEquals("GET", r.header("X-Method"));
        assertEquals(0, r.body().length);
        assertEquals(List.of(target.uri("/echo")), r.redirects());
    }

    @Test
    void aRedirectLoopStopsAtTheCap() {
        Failure f = failed(ExchangeRequest.of("GET", target.uri("/loop")));
        assertEquals(ErrorKind.NETWORK, f.kind());
        assertEquals("more than 10 redirects (the last one to " + target.uri("/loop") + ")", f.message());
    }

    @Test
    void concurrentExchangesEachGetTheirOwnAnswerAndTimings() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ExchangeResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] body = ("exchange-" + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> exchanger.exchange(ExchangeRequest.of("POST", target.uri("/echo")).withBody(body))));
            }
            for (int i = 0; i < results.size(); i++) {
                Response r = assertInstanceOf(Response.class, results.get(i).get());
                assertEquals("exchange-" + i, text(r));
                assertTrue(r.newConnection());
                assertNotNull(r.timings().connectMicros(), "exchange " + i);
                assertNotNull(r.timings().firstByteMicros(), "exchange " + i);
            }
        }
    }

    @Test
    void aServerThatHangsUpMidResponseIsANetworkFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            pool.submit(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort".getBytes(StandardCharsets.US_ASCII));
                }
                return null;
            });
            Failure f = failed(ExchangeRequest.of("GET", URI.create("http://127.0.0.1:" + server.getLocalPort() + "/")));
            assertEquals(ErrorKind.NETWORK, f.kind());
            assertTrue(f.message().startsWith("connection to 127.0.0.1:" + server.getLocalPort()), f.message());
            assertNotNull(f.timings().firstByteMicros(), "the head arrived before the hang-up " + f.timings());
        }
    }

    @Test
    void errorStatusesAreResponses() {
        Response r = ok(ExchangeRequest.of("GET", target.uri("/nothing-here")));
        assertEquals(404, r.status());
    }
}
