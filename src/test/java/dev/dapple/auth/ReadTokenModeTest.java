package dev.dapple.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code dapple.auth.read=token}: reads need the token too; browsers sign in through a form; /health stays open. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadTokenModeTest implements TestPropertyProvider {

    private Path dataDir;

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            dataDir = Files.createTempDirectory("dapple-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("dapple.auth.read", "token", "dapple.data-dir", dataDir.toString());
    }

    private String generatedToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).strip();
    }

    @Test
    void theTokenIsGeneratedIntoTheDataDirReadableOnlyByItsOwner() throws IOException {
        Path file = dataDir.resolve("admin.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(generatedToken().length() >= 40, "at least 32 random bytes");
    }

    @Test
    void readsNeedTheToken() throws IOException {
        var refused = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/test-writes"), Map.class));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals(Map.of("read", "ok"), client.toBlocking().retrieve(
                HttpRequest.GET("/api/test-writes").bearerAuth(generatedToken()), Map.class));
    }

    @Test
    void healthStaysOpenForLoadBalancers() {
        assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/health"), Map.class).getStatus());
    }

    @Test
    void aBrowserIsSentToTheLoginFormAndSignsIn() throws IOException, InterruptedException {
        HttpResponse<String> redirect = client.toBlocking().exchange(
                HttpRequest.GET("/?group=owner").accept(MediaType.TEXT_HTML), String.class);
        // The client follows the 303 to the form.
        assertEquals(HttpStatus.OK, redirect.getStatus());
        assertTrue(redirect.body().contains("<form method=\"post\" action=\"/login\""), redirect.body());
        assertTrue(redirect.body().contains("value=\"/?group=owner\""), "the form returns to the page asked for");

        var wrong = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/login", "token=nope&next=/").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.TEXT_HTML), String.class));
        assertEquals(HttpStatus.UNAUTHORIZED, wrong.getStatus());
        assertTrue(wrong.getResponse().getBody(String.class).orElseThrow().contains("That token is not right"));

        // A client that does not follow redirects, to see the cookie on the 303.
        var plain = java.net.http.HttpClient.newHttpClient();
        var signIn = plain.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/login"))
                        .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "token=" + generatedToken() + "&next=/%3Fgroup%3Downer")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, signIn.statusCode());
        assertEquals("/?group=owner", signIn.headers().firstValue("Location").orElseThrow());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie);
        assertTrue(!cookie.contains(generatedToken()), "the cookie is derived from the token, not the token");

        HttpResponse<String> home = client.toBlocking().exchange(HttpRequest.GET("/").accept(MediaType.TEXT_HTML)
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))), String.class);
        assertTrue(home.body().contains("<h1>Overview</h1>"), home.body());
    }
}
