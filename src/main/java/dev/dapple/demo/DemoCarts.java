package dev.dapple.demo;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Open carts, at most {@link #DEFAULT_CAPACITY}: the least recently used cart is dropped first, so a monitor that
 * adds to carts every minute and never checks out cannot exhaust memory.
 */
@Singleton
@Requires(bean = DemoShopConfiguration.class)
final class DemoCarts {

    static final int DEFAULT_CAPACITY = 10_000;

    record Line(DemoCatalog.Product product, int quantity) {
        long cents() {
            return product.cents() * quantity;
        }
    }

    record Cart(String id, String user, List<Line> lines) {
        long cents() {
            return lines.stream().mapToLong(Line::cents).sum();
        }
    }

    private final Map<String, Cart> carts;

    @Inject
    DemoCarts() {
        this(DEFAULT_CAPACITY);
    }

    DemoCarts(int capacity) {
        this.carts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cart> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Adds to the user's cart {@code cartId}, or to a new cart when it is null; empty when no such cart is theirs. */
    synchronized Optional<Cart> add(String user, String cartId, DemoCatalog.Product product, int quantity) {
        Cart cart = cartId == null ? new Cart(UUID.randomUUID().toString(), user, List.of()) : carts.get(cartId);
        if (cart == null || !cart.user().equals(user)) {
            return Optional.empty();
        }
        List<Line> lines = new ArrayList<>(cart.lines());
        lines.add(new Line(product, quantity));
        Cart updated = new Cart(cart.id(), user, List.copyOf(lines));
        carts.put(updated.id(), updated);
        return Optional.of(updated);
    }

    /** Removes and returns the user's cart: a cart is checked out once. */
    synchronized Optional<Cart> checkout(String user, String cartId) {
        Cart cart = cartId == null ? null : carts.get(cartId);
        if (cart == null || !cart.user().equals(user)) {
            return Optional.empty();
        }
        carts.remove(cartId);
        return Optional.of(cart);
    }

    synchronized int size() {
        return carts.size();
    }
}
