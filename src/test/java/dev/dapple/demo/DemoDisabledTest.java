package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "dapple.demo.enabled", value = "false")
// Ignored while the demo is off: nothing reads the demo settings then.
@Property(name = "dapple.demo.failure-rate", value = "7")
class DemoDisabledTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Test
    void theShopIsNotServed() {
        for (String path : new String[] {"/demo/shop/", "/demo/shop/search?q=mug", "/demo/shop/recommendations"}) {
            var e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.GET(path), String.class));
            assertEquals(HttpStatus.NOT_FOUND, e.getStatus(), path);
        }
    }

    @Test
    void noDemoBeansExist() {
        assertFalse(context.containsBean(DemoShopConfiguration.class));
        assertFalse(context.containsBean(DemoCarts.class));
    }
}
