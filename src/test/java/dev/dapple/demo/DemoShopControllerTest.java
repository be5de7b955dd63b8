package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.http.Problem;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
@Property(name = "dapple.demo.password", value = "s3cret")
class DemoShopControllerTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void indexListsTheEndpoints() {
        Map<String, Object> index = client.toBlocking().retrieve(HttpRequest.GET("/demo/shop/"), Argument.mapOf(String.class, Object.class));
        assertEquals("Dapple demo shop", index.get("name"));
        assertTrue(index.get("endpoints").toString().contains("/demo/shop/checkout"), index.toString());
    }

    @Test
    void loginWithTheConfiguredPasswordGivesAToken() {
        String token = login("qa-bot", "s3cret");
        assertFalse(token.isBlank());
    }

    @Test
    void loginWithAWrongPasswordIs401WithAProblem() {
        var e = post("/demo/shop/login", Map.of("user", "qa-bot", "password", "demo"), null);
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
        assertProblem(e, 401, "wrong password");
    }

    @Test
    void loginWithoutAUserIs400() {
        var e = post("/demo/shop/login", Map.of("password", "s3cret"), null);
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertProblem(e, 400, "user");
    }

    @Test
    void anUnreadableBodyIs400WithAProblem() {
        var e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/demo/shop/login", "{not json").contentType(MediaType.APPLICATION_JSON), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertProblem(e, 400, "not valid JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIs400WithAProblem() {
        var e = post("/demo/shop/cart", Map.of("sku", "MUG-001", "quantity", "lots"), login("qa-bot", "s3cret"));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertProblem(e, 400, "does not fit the expected JSON");
    }

    @Test
    void searchFiltersIgnoringCase() {
        var result = client.toBlocking().retrieve(HttpRequest.GET("/demo/shop/search?q=MUG"), ShopMessages.SearchResponse.class);
        assertEquals("MUG", result.query());
        assertEquals(List.of("MUG-001", "MUG-002"), result.items().stream().map(ShopMessages.Item::sku).toList());
        assertEquals(12.5, result.items().getFirst().price());
    }

    @Test
    void emptySearchReturnsTheWholeCatalog() {
        var result = client.toBlocking().retrieve(HttpRequest.GET("/demo/shop/search?q="), ShopMessages.SearchResponse.class);
        assertEquals(DemoCatalog.PRODUCTS.size(), result.items().size());
        var noQuery = client.toBlocking().retrieve(HttpRequest.GET("/demo/shop/search"), ShopMessages.SearchResponse.class);
        assertEquals(12, noQuery.items().size());
    }

    @Test
    void cartThenCheckoutWithTheToken() {
        String token = login("qa-bot", "s3cret");
        HttpResponse<ShopMessages.CartResponse> added = client.toBlocking().exchange(
                HttpRequest.POST("/demo/shop/cart", Map.of("sku", "MUG-001", "quantity", 2)).bearerAuth(token),
                ShopMessages.CartResponse.class);
        assertEquals(HttpStatus.CREATED, added.getStatus());
        var cart = added.body();
        assertEquals(25.0, cart.total());
        assertEquals(2, cart.items().getFirst().quantity());

        var more = client.toBlocking().retrieve(
                HttpRequest.POST("/demo/shop/cart", Map.of("sku", "STK-001", "cartId", cart.cartId())).bearerAuth(token),
                ShopMessages.CartResponse.class);
        assertEquals(cart.cartId(), more.cartId());
        assertEquals(29.99, more.total());

        var order = client.toBlocking().retrieve(
                HttpRequest.POST("/demo/shop/checkout", Map.of("cartId", cart.cartId())).bearerAuth(token),
                ShopMessages.OrderResponse.class);
        assertEquals("confirmed", order.status());
        assertEquals(29.99, order.total());
        assertNotNull(order.orderId());

        // A cart is checked out once.
        var again = post("/demo/shop/checkout", Map.of("cartId", cart.cartId()), token);
        assertEquals(HttpStatus.NOT_FOUND, again.getStatus());
    }

    @Test
    void anotherUsersCartIsNotFound() {
        String alice = login("alice", "s3cret");
        String bob = login("bob", "s3cret");
        assertNotEquals(alice, bob);
        var cart = client.toBlocking().retrieve(
                HttpRequest.POST("/demo/shop/cart", Map.of("sku", "HAT-001")).bearerAuth(alice), ShopMessages.CartResponse.class);
        var e = post("/demo/shop/checkout", Map.of("cartId", cart.cartId()), bob);
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
    }

    @Test
    void cartWithoutTokenIs401() {
        var e = post("/demo/shop/cart", Map.of("sku", "MUG-001", "quantity", 1), null);
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
        assertProblem(e, 401, "Bearer");
        assertTrue(e.getResponse().getHeaders().get("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void cartWithAForgedTokenIs401() {
        String token = login("qa-bot", "s3cret");
        var e = post("/demo/shop/cart", Map.of("sku", "MUG-001"), token.substring(0, token.length() - 2) + "xx");
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
    }

    @Test
    void checkoutWithoutTokenIs401() {
        var e = post("/demo/shop/checkout", Map.of("cartId", "anything"), null);
        assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
    }

    @Test
    void unknownSkuIs404() {
        var e = post("/demo/shop/cart", Map.of("sku", "NOPE-999", "quantity", 1), login("qa-bot", "s3cret"));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertProblem(e, 404, "NOPE-999");
    }

    @Test
    void badQuantityIs400() {
        var e = post("/demo/shop/cart", Map.of("sku", "MUG-001", "quantity", 0), login("qa-bot", "s3cret"));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertProblem(e, 400, "quantity");
    }

    @Test
    void unknownCartIs404() {
        var e = post("/demo/shop/checkout", Map.of("cartId", "no-such-cart"), login("qa-bot", "s3cret"));
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertProblem(e, 404, "no-such-cart");
    }

    private String login(String user, String password) {
        return client.toBlocking().retrieve(
                HttpRequest.POST("/demo/shop/login", Map.of("user", user, "password", password)),
                ShopMessages.TokenResponse.class).token();
    }

    private HttpClientResponseException post(String path, Map<String, ?> body, String token) {
        var request = HttpRequest.POST(path, body);
        if (token != null) {
            request.bearerAuth(token);
        }
        return assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, String.class));
    }

    static void assertProblem(HttpClientResponseException e, int status, String detailPart) {
        assertEquals(Problem.CONTENT_TYPE, e.getResponse().getContentType().orElseThrow().toString());
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals(status, problem.status());
        assertTrue(problem.detail().contains(detailPart), problem.detail());
    }
}
