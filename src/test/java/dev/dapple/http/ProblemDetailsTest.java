package dev.dapple.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors the framework answers use the same problem-details shape as Dapple's own. */
@MicronautTest(transactional = false)
class ProblemDetailsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void anUnknownPathIsA404Problem() {
        var error = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/no-such-thing"), Map.class));
        assertEquals(HttpStatus.NOT_FOUND, error.getStatus());
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString());
        Map<?, ?> problem = error.getResponse().getBody(Map.class).orElseThrow();
        assertEquals(404, problem.get("status"));
        assertEquals("Not Found", problem.get("title"));
    }

    @Test
    void malformedJsonIsA400ProblemThatSaysWhy() {
        var error = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/login", "{not json").contentType(MediaType.APPLICATION_JSON), Map.class));
        assertTrue(error.getStatus().getCode() >= 400 && error.getStatus().getCode() < 500, error.getStatus().toString());
        assertEquals(Problem.CONTENT_TYPE, error.getResponse().getContentType().orElseThrow().toString());
    }
}
