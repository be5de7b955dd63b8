package dev.dapple.demo;

import dev.dapple.demo.ShopMessages.CartRequest;
import dev.dapple.demo.ShopMessages.CartResponse;
import dev.dapple.demo.ShopMessages.CheckoutRequest;
import dev.dapple.demo.ShopMessages.Endpoint;
import dev.dapple.demo.ShopMessages.Index;
import dev.dapple.demo.ShopMessages.Item;
import dev.dapple.demo.ShopMessages.LoginRequest;
import dev.dapple.demo.ShopMessages.OrderResponse;
import dev.dapple.demo.ShopMessages.Recommendations;
import dev.dapple.demo.ShopMessages.SearchResponse;
import dev.dapple.demo.ShopMessages.TokenResponse;
import dev.dapple.http.Problem;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonSyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A small shop to point journeys at: log in, search, add to cart, check out, and a flaky recommendations call. */
@Requires(bean = DemoShopConfiguration.class)
@Controller("/demo/shop")
final class DemoShopController {

    static final int MAX_QUANTITY = 99;
    private static final String BEARER = "Bearer ";
    static final Index INDEX = new Index("Dapple demo shop",
            "A target for demo journeys; see journeys/demo/checkout.yaml. Latency and faults come from dapple.demo.*.",
            List.of(new Endpoint("POST", "/demo/shop/login", "{user, password} -> {token}"),
                    new Endpoint("GET", "/demo/shop/search", "?q= case-insensitive catalog search -> {query, items}"),
                    new Endpoint("POST", "/demo/shop/cart", "Bearer token; {sku, quantity, cartId?} -> 201 {cartId, items, total}"),
                    new Endpoint("POST", "/demo/shop/checkout", "Bearer token; {cartId} -> {orderId, status, total}"),
                    new Endpoint("GET", "/demo/shop/recommendations", "fails with 503 at dapple.demo.flaky-failure-rate")));

    private final DemoShopConfiguration config;
    private final DemoTokens tokens;
    private final DemoCarts carts;
    private final DemoFaults faults;

    DemoShopController(DemoShopConfiguration config, DemoTokens tokens, DemoCarts carts, DemoFaults faults) {
        this.config = config;
        this.tokens = tokens;
        this.carts = carts;
        this.faults = faults;
    }

    @Get("/")
    public Index index() {
        return INDEX;
    }

    @Post("/login")
    public HttpResponse<?> login(@Nullable @Body LoginRequest request) {
        if (request == null || isBlank(request.user()) || request.password() == null) {
            return Problem.response(HttpStatus.BAD_REQUEST, "send JSON {\"user\": \"...\", \"password\": \"...\"}");
        }
        if (!passwordMatches(request.password())) {
            return Problem.response(HttpStatus.UNAUTHORIZED, "wrong password for user " + request.user());
        }
        return HttpResponse.ok(new TokenResponse(tokens.issue(request.user())));
    }

    @Get("/search")
    public SearchResponse search(@Nullable @QueryValue String q) {
        List<Item> items = DemoCatalog.search(q).stream().map(Item::of).toList();
        return new SearchResponse(q == null ? "" : q, items);
    }

    @Post("/cart")
    public HttpResponse<?> addToCart(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                     @Nullable @Body CartRequest request) {
        Optional<String> user = user(authorization);
        if (user.isEmpty()) {
            return unauthorized();
        }
        if (request == null || isBlank(request.sku())) {
            return Problem.response(HttpStatus.BAD_REQUEST, "send JSON {\"sku\": \"...\", \"quantity\": 1}");
        }
        int quantity = request.quantity() == null ? 1 : request.quantity();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return Problem.response(HttpStatus.BAD_REQUEST, "quantity must be between 1 and " + MAX_QUANTITY);
        }
        Optional<DemoCatalog.Product> product = DemoCatalog.find(request.sku());
        if (product.isEmpty()) {
            return Problem.response(HttpStatus.NOT_FOUND, "no product with sku " + request.sku());
        }
        return carts.add(user.get(), request.cartId(), product.get(), quantity)
                .<HttpResponse<?>>map(cart -> HttpResponse.created(CartResponse.of(cart)))
                .orElseGet(() -> unknownCart(request.cartId()));
    }

    @Post("/checkout")
    public HttpResponse<?> checkout(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                    @Nullable @Body CheckoutRequest request) {
        Optional<String> user = user(authorization);
        if (user.isEmpty()) {
            return unauthorized();
        }
        if (request == null || isBlank(request.cartId())) {
            return Problem.response(HttpStatus.BAD_REQUEST, "send JSON {\"cartId\": \"...\"}");
        }
        return carts.checkout(user.get(), request.cartId())
                .<HttpResponse<?>>map(cart -> HttpResponse.ok(new OrderResponse(
                        UUID.randomUUID().toString(), "confirmed", ShopMessages.euros(cart.cents()))))
                .orElseGet(() -> unknownCart(request.cartId()));
    }

    @Get("/recommendations")
    public HttpResponse<?> recommendations() {
        if (faults.flakyFailure()) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE,
                    "recommendations are flaky on purpose: dapple.demo.flaky-failure-rate is " + config.flakyFailureRate());
        }
        List<Item> items = Arrays.stream(faults.pick(3, DemoCatalog.PRODUCTS.size()))
                .mapToObj(i -> Item.of(DemoCatalog.PRODUCTS.get(i)))
                .toList();
        return HttpResponse.ok(new Recommendations(items));
    }

    /** Unreadable bodies get the same problem shape as every other demo error, not Micronaut's default. */
    @Error(exception = JsonSyntaxException.class)
    public HttpResponse<?> unreadableJson(JsonSyntaxException e) {
        return Problem.response(HttpStatus.BAD_REQUEST, "the body is not valid JSON");
    }

    @Error(exception = ConversionErrorException.class)
    public HttpResponse<?> wrongType(ConversionErrorException e) {
        String reason = String.valueOf(e.getConversionError().getCause().getMessage());
        // Jackson appends the source location on a second line; the first line says what is wrong.
        return Problem.response(HttpStatus.BAD_REQUEST,
                "the body does not fit the expected JSON: " + reason.lines().findFirst().orElse("").strip());
    }

    private Optional<String> user(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.verify(authorization.substring(BEARER.length()).strip());
    }

    private boolean passwordMatches(String candidate) {
        return MessageDigest.isEqual(config.password().getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<?> unauthorized() {
        return Problem.response(HttpStatus.UNAUTHORIZED,
                        "send 'Authorization: Bearer <token>' with a token from POST /demo/shop/login")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"dapple-demo\"");
    }

    private static HttpResponse<?> unknownCart(String cartId) {
        return Problem.response(HttpStatus.NOT_FOUND, "no open cart " + cartId + " for this user");
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
