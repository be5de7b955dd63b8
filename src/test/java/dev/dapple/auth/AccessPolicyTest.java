package dev.dapple.auth;

import static io.micronaut.http.HttpMethod.DELETE;
import static io.micronaut.http.HttpMethod.GET;
import static io.micronaut.http.HttpMethod.PATCH;
import static io.micronaut.http.HttpMethod.POST;
import static io.micronaut.http.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy open = new AccessPolicy("open");
    private final AccessPolicy token = new AccessPolicy("token");

    @Test
    void everyWriteNeedsTheTokenExceptTheProbeApiLoginAndDemo() {
        for (var method : new io.micronaut.http.HttpMethod[] {POST, PUT, PATCH, DELETE}) {
            assertTrue(open.needsAdminToken(method, "/api/journeys/checkout/run"), method.name());
            assertFalse(open.needsAdminToken(method, "/api/probe/results"), "probes have their own tokens");
        }
        assertTrue(open.needsAdminToken(POST, "/incidents/7/ack"), "the dashboard's forms write too");
        assertFalse(open.needsAdminToken(POST, "/login"));
        assertFalse(open.needsAdminToken(POST, "/demo/shop/login"), "the demo target is not Dapple's API");
    }

    @Test
    void readsAreOpenUnlessConfigured() {
        assertFalse(open.needsAdminToken(GET, "/api/journeys"));
        assertFalse(open.needsAdminToken(GET, "/"));
        assertTrue(token.needsAdminToken(GET, "/api/journeys"));
        assertTrue(token.needsAdminToken(GET, "/"));
        assertTrue(token.needsAdminToken(GET, "/prometheus"), "scrapers send the bearer token");
        assertFalse(token.needsAdminToken(GET, "/health"));
        assertFalse(token.needsAdminToken(GET, "/static/dapple.css"));
        assertFalse(token.needsAdminToken(GET, "/login"));
        assertFalse(token.needsAdminToken(GET, "/badge/checkout.svg"), "badges are public, like the status page");
        assertFalse(token.needsAdminToken(GET, "/status"));
        assertFalse(token.needsAdminToken(GET, "/health/liveness"));
        assertFalse(token.needsAdminToken(GET, "/webjars/htmx.org/2.0.4/dist/htmx.min.js"));
        assertTrue(token.needsAdminToken(GET, "/statusz"), "open paths are exact, not prefixes");
        assertTrue(token.needsAdminToken(GET, "/loginas"));
    }

    @Test
    void anUnknownReadModeIsAClearError() {
        var error = assertThrows(IllegalArgumentException.class, () -> new AccessPolicy("tokens"));
        assertEquals("dapple.auth.read must be 'open' or 'token', not 'tokens'", error.getMessage());
    }

    @Test
    void loginRedirectsStayOnThisSite() {
        assertEquals("/journeys/checkout?w=1h", LoginController.safeNext("/journeys/checkout?w=1h"));
        assertEquals("/", LoginController.safeNext("//evil.example.com/"));
        assertEquals("/", LoginController.safeNext("https://evil.example.com/"));
        assertEquals("/", LoginController.safeNext("/\\evil.example.com"));
        assertEquals("/", LoginController.safeNext(null));
    }
}
