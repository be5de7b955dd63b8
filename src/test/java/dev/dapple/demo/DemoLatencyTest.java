package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The configured latency is a lower bound on every response; only the bound is checked, never an upper limit. */
@MicronautTest(transactional = false)
@Property(name = "dapple.demo.latency", value = "150ms")
@Property(name = "dapple.demo.jitter", value = "0ms")
class DemoLatencyTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void responsesTakeAtLeastTheConfiguredLatency() {
        long start = System.nanoTime();
        var response = client.toBlocking().exchange(HttpRequest.GET("/demo/shop/search?q=mug"), String.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertTrue(took.compareTo(Duration.ofMillis(150)) >= 0, "took " + took);
    }
}
