package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.http.MutableHttpRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A fault drill: with failure-rate 1 every demo endpoint answers 503, even the ones that would be 4xx. */
@MicronautTest(transactional = false)
@Property(name = "dapple.demo.failure-rate", value = "1")
@Property(name = "dapple.demo.flaky-failure-rate", value = "0")
class DemoFailureRateTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Stream<MutableHttpRequest<?>> everyEndpoint() {
        return Stream.of(
                HttpRequest.GET("/demo/shop/"),
                HttpRequest.GET("/demo/shop"),
                HttpRequest.POST("/demo/shop/login", Map.of("user", "qa-bot", "password", "demo")),
                HttpRequest.GET("/demo/shop/search?q=mug"),
                HttpRequest.POST("/demo/shop/cart", Map.of("sku", "MUG-001", "quantity", 1)),
                HttpRequest.POST("/demo/shop/checkout", Map.of("cartId", "x")),
                HttpRequest.GET("/demo/shop/recommendations"));
    }

    @ParameterizedTest
    @MethodSource("everyEndpoint")
    void everyEndpointFailsWith503(MutableHttpRequest<?> request) {
        var e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
        DemoShopControllerTest.assertProblem(e, 503, "dapple.demo.failure-rate");
    }
}
