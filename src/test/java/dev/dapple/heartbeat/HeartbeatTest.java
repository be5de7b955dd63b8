package dev.dapple.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dead-man's switch against a real local receiver that counts pings; passes are driven directly. */
class HeartbeatTest {

    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer receiver;
    private URI url;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ping/secret-uuid", exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                pings.incrementAndGet();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/ping/secret-uuid");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void eachPassGetsTheUrlOnce() {
        var heartbeat = new Heartbeat(url);
        assertEquals(new Heartbeat.Ping(true, null), heartbeat.ping());
        assertEquals(new Heartbeat.Ping(true, null), heartbeat.ping());
        assertEquals(2, pings.get());
    }

    @Test
    void aFailureIsLoggedOnceUntilItWorksAgainWithoutTheSecretPath() {
        var heartbeat = new Heartbeat(url);
        status.set(503);
        assertEquals(new Heartbeat.Ping(false, "Heartbeat: the ping to 127.0.0.1 answered HTTP 503; the heartbeat"
                + " service will report Dapple as down (logged once until it works again)"), heartbeat.ping());
        assertEquals(new Heartbeat.Ping(false, null), heartbeat.ping(), "the same failure is not logged again");
        status.set(200);
        assertEquals(new Heartbeat.Ping(true, "Heartbeat: pinging 127.0.0.1 works again"), heartbeat.ping());
        assertEquals(new Heartbeat.Ping(true, null), heartbeat.ping());
        receiver.stop(0);
        Heartbeat.Ping down = heartbeat.ping();
        assertFalse(down.ok());
        assertEquals(true, down.logged().startsWith("Heartbeat: the ping to 127.0.0.1 failed: ConnectException"),
                down.logged());
    }

    @Test
    void closingFreesTheClientSoNoPingGoesOut() {
        var heartbeat = new Heartbeat(url);
        heartbeat.close();
        assertFalse(heartbeat.ping().ok());
        assertEquals(0, pings.get());
    }

    @Test
    void withoutAUrlThereIsNoHeartbeat() {
        var config = new HeartbeatConfiguration("", "1m");
        assertEquals(java.util.Optional.empty(), config.url());
        assertEquals(new Heartbeat.Ping(false, null), new Heartbeat(config).ping(), "nothing to ping, nothing logged");
        assertEquals(Duration.ofMinutes(1), config.interval());
    }

    @Test
    void badSettingsStopTheStartNamingTheKey() {
        for (String bad : new String[] {"hc-ping.com/abc", "ftp://hc-ping.com/abc", "https:///abc"}) {
            assertEquals("dapple.heartbeat.url must be an http(s) URL, e.g. https://hc-ping.com/<uuid>",
                    assertThrows(IllegalArgumentException.class,
                            () -> new HeartbeatConfiguration(bad, "1m")).getMessage(), bad);
        }
        assertEquals("dapple.heartbeat.interval must be at least 10s, not '5s'",
                assertThrows(IllegalArgumentException.class,
                        () -> new HeartbeatConfiguration("https://hc-ping.com/abc", "5s")).getMessage());
        assertEquals("dapple.heartbeat.interval: '1 minute' is not a duration (expected a positive whole number and"
                        + " a unit: ms, s, m, h or d, e.g. 800ms, 30s, 5m)",
                assertThrows(IllegalArgumentException.class,
                        () -> new HeartbeatConfiguration("https://hc-ping.com/abc", "1 minute")).getMessage());
    }
}
