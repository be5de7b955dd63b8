package dev.dapple.probe.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectsTest {

    private static final URI FROM = URI.create("https://shop.example.com/a/b");

    @Test
    void locationsResolveAgainstTheCurrentUri() {
        assertEquals(URI.create("https://shop.example.com/a/c"), Redirects.target(FROM, 302, "c"));
        assertEquals(URI.create("https://shop.example.com/x"), Redirects.target(FROM, 301, "/x"));
        assertEquals(URI.create("http://other.example/"), Redirects.target(FROM, 307, "http://other.example/"));
    }

    @Test
    void notEveryAnswerIsARedirect() {
        assertNull(Redirects.target(FROM, 200, "/x"));
        assertNull(Redirects.target(FROM, 304, "/x"));
        assertNull(Redirects.target(FROM, 302, null));
        assertNull(Redirects.target(FROM, 302, "ftp://files.example/"));
    }

    @Test
    void a307RepeatsThePostWithItsBody() {
        var post = ExchangeRequest.of("POST", FROM).withBody(new byte[] {1})
                .withHeaders(List.of(new Header("Content-Type", "application/json")));
        var next = Redirects.follow(post, 307, URI.create("https://shop.example.com/y"));
        assertEquals("POST", next.method());
        assertArrayEquals(new byte[] {1}, next.body());
        assertEquals(post.headers(), next.headers());
    }

    @Test
    void a302AfterAPostBecomesABodilessGet() {
        var post = ExchangeRequest.of("POST", FROM).withBody(new byte[] {1})
                .withHeaders(List.of(new Header("Content-Type", "application/json"), new Header("X-Keep", "1")));
        var next = Redirects.follow(post, 302, URI.create("https://shop.example.com/y"));
        assertEquals("GET", next.method());
        assertEquals(0, next.body().length);
        assertEquals(List.of(new Header("X-Keep", "1")), next.headers());
    }

    @Test
    void credentialsDoNotFollowToAnotherOrigin() {
        var get = ExchangeRequest.of("GET", FROM).withHeaders(List.of(new Header("Authorization", "Bearer t")));
        assertEquals(List.of(), Redirects.follow(get, 302, URI.create("https://evil.example/")).headers());
        assertEquals(get.headers(), Redirects.follow(get, 302, URI.create("https://shop.example.com/z")).headers());
    }
}
