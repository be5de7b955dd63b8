package dev.dapple.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Writes under /api need the admin token; reads stay open by default. The token comes from the secrets dir here. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTokenTest implements TestPropertyProvider {

    static final String TOKEN = "s3cret-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path secrets = Files.createTempDirectory("dapple-secrets");
            Files.writeString(secrets.resolve("DAPPLE_ADMIN_TOKEN"), TOKEN + "\n");
            return Map.of("dapple.secrets-dir", secrets.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWriteWithoutTokenIsRefusedAsProblemDetails() {
        var refused = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.POST("/api/test-writes", Map.of("name", "x")), Map.class));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals("application/problem+json", refused.getResponse().getContentType().orElseThrow().toString());
        assertEquals("Bearer realm=\"dapple\"", refused.getResponse().header("WWW-Authenticate"));
        Map<?, ?> problem = refused.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(401, problem.get("status"));
        assertTrue(problem.get("detail").toString().startsWith("missing admin token"), problem.toString());
    }

    @Test
    void aWriteWithAWrongTokenIsRefused() {
        for (HttpRequest<?> request : new HttpRequest<?>[] {
                HttpRequest.POST("/api/test-writes", Map.of("name", "x")).bearerAuth("wrong"),
                HttpRequest.PUT("/api/test-writes", Map.of("name", "x")).bearerAuth(TOKEN + "x"),
                HttpRequest.DELETE("/api/test-writes").bearerAuth(""),
                HttpRequest.DELETE("/api/test-writes").basicAuth("admin", TOKEN)}) {
            var refused = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(request, Map.class), request.toString());
            assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus(), request.toString());
            assertFalse(refused.getResponse().getBody(String.class).orElse("").contains(TOKEN),
                    "a refusal never echoes a token");
        }
    }

    @Test
    void aWriteWithTheRightTokenSucceeds() {
        var created = client.toBlocking().retrieve(
                HttpRequest.POST("/api/test-writes", Map.of("name", "x")).bearerAuth(TOKEN), Map.class);
        assertEquals(Map.of("created", "x"), created);
        var replaced = client.toBlocking().retrieve(
                HttpRequest.PUT("/api/test-writes", Map.of("name", "y")).header("Authorization", "bearer " + TOKEN),
                Map.class);
        assertEquals(Map.of("replaced", "y"), replaced);
        assertEquals(HttpStatus.OK, client.toBlocking().exchange(
                HttpRequest.DELETE("/api/test-writes").bearerAuth(TOKEN), Map.class).getStatus());
    }

    @Test
    void readsAndHealthAreOpenByDefault() {
        assertEquals(Map.of("read", "ok"), client.toBlocking().retrieve(HttpRequest.GET("/api/test-writes"), Map.class));
        assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/health"), Map.class).getStatus());
    }
}
