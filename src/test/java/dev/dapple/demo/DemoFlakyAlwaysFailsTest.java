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
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "dapple.demo.flaky-failure-rate", value = "1")
class DemoFlakyAlwaysFailsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void recommendationsAlwaysFailWith503() {
        for (int i = 0; i < 20; i++) {
            var e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.GET("/demo/shop/recommendations"), String.class));
            assertEquals(HttpStatus.SERVICE_UNAVAILABLE, e.getStatus());
            DemoShopControllerTest.assertProblem(e, 503, "dapple.demo.flaky-failure-rate");
        }
    }

    @Test
    void otherEndpointsAreNotFlaky() {
        for (int i = 0; i < 20; i++) {
            assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/demo/shop/search?q=t")).getStatus());
        }
    }
}
