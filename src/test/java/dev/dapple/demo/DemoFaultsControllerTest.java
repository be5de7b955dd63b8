package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Breaking and mending the demo shop at runtime: the shop answers 503 right after the change, and 200 after. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoFaultsControllerTest implements TestPropertyProvider {

    private static final String TOKEN = "demo-faults-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-demo-faults-secrets-");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN);
            return Map.of("dapple.secrets-dir", secrets.toString(), "dapple.demo.latency", "0ms",
                    "dapple.demo.jitter", "0ms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void mend() {
        put(Map.of("failureRate", 0));
    }

    @Test
    void theShopFailsOnceTheRateIsOneAndRecoversAtZero() {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/demo/shop/search?q=mug").getStatus());

        assertEquals(Map.of("failureRate", 1.0), put(Map.of("failureRate", 1)));
        var down = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/demo/shop/search?q=mug"));
        DemoShopControllerTest.assertProblem(down, 503, "the demo failure rate");
        assertEquals(Map.of("failureRate", 1.0),
                client.toBlocking().retrieve(HttpRequest.GET("/api/demo/faults"), Map.class));

        put(Map.of("failureRate", 0));
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/demo/shop/search?q=mug").getStatus());
    }

    @Test
    void aRateOutsideZeroToOneOrNoneIsRefused() {
        var tooHigh = assertThrows(HttpClientResponseException.class, () -> put(Map.of("failureRate", 1.5)));
        DemoShopControllerTest.assertProblem(tooHigh, 400, "between 0 and 1, not 1.5");
        var missing = assertThrows(HttpClientResponseException.class, () -> put(Map.of("rate", 1)));
        DemoShopControllerTest.assertProblem(missing, 400, "give failureRate");
    }

    @Test
    void changingItNeedsTheAdminToken() {
        var refused = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.PUT("/api/demo/faults", Map.of("failureRate", 1))));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals(HttpStatus.OK, client.toBlocking().exchange("/demo/shop/search?q=mug").getStatus());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> put(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.PUT("/api/demo/faults", body).bearerAuth(TOKEN), Map.class);
    }
}
