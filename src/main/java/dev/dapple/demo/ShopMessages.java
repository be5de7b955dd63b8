package dev.dapple.demo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The demo shop's JSON bodies. Request fields are nullable so a missing one gets a 400 with a reason. */
final class ShopMessages {

    private ShopMessages() {
    }

    @Serdeable
    record Endpoint(String method, String path, String description) {
    }

    @Serdeable
    record Index(String name, String description, List<Endpoint> endpoints) {
    }

    @Serdeable
    record LoginRequest(@Nullable String user, @Nullable String password) {
    }

    @Serdeable
    record TokenResponse(String token) {
    }

    @Serdeable
    record Item(String sku, String name, double price) {
        static Item of(DemoCatalog.Product product) {
            return new Item(product.sku(), product.name(), euros(product.cents()));
        }
    }

    @Serdeable
    record SearchResponse(String query, List<Item> items) {
    }

    /** {@code cartId} is optional: without it a new cart is opened. */
    @Serdeable
    record CartRequest(@Nullable String sku, @Nullable Integer quantity, @Nullable String cartId) {
    }

    @Serdeable
    record CartLine(String sku, String name, double price, int quantity) {
    }

    @Serdeable
    record CartResponse(String cartId, List<CartLine> items, double total) {
        static CartResponse of(DemoCarts.Cart cart) {
            List<CartLine> lines = cart.lines().stream()
                    .map(l -> new CartLine(l.product().sku(), l.product().name(), euros(l.product().cents()), l.quantity()))
                    .toList();
            return new CartResponse(cart.id(), lines, euros(cart.cents()));
        }
    }

    @Serdeable
    record CheckoutRequest(@Nullable String cartId) {
    }

    @Serdeable
    record OrderResponse(String orderId, String status, double total) {
    }

    @Serdeable
    record Recommendations(List<Item> items) {
    }

    static double euros(long cents) {
        return cents / 100.0;
    }
}
