package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
@Property(name = "dapple.demo.flaky-failure-rate", value = "0")
class DemoFlakyNeverFailsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void recommendationsAlwaysAnswerWithThreeDistinctItems() {
        for (int i = 0; i < 20; i++) {
            var response = client.toBlocking().exchange(HttpRequest.GET("/demo/shop/recommendations"), ShopMessages.Recommendations.class);
            assertEquals(HttpStatus.OK, response.getStatus());
            var skus = response.body().items().stream().map(ShopMessages.Item::sku).distinct().count();
            assertEquals(3, skus);
        }
    }
}
