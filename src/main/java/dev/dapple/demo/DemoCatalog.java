package dev.dapple.demo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The demo shop's fixed catalog. Prices are kept in cents so totals add up exactly. */
final class DemoCatalog {

    record Product(String sku, String name, long cents) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("MUG-001", "Dapple coffee mug", 1250),
            new Product("MUG-002", "Travel mug", 1899),
            new Product("TEE-001", "Uptime t-shirt", 2400),
            new Product("TEE-002", "Error budget t-shirt", 2400),
            new Product("HAT-001", "On-call cap", 1999),
            new Product("STK-001", "Sticker pack", 499),
            new Product("BOK-001", "Site reliability handbook", 4550),
            new Product("BOK-002", "Runbook notebook", 899),
            new Product("PAG-001", "Retro pager", 7900),
            new Product("LMP-001", "Status lamp", 3475),
            new Product("HDP-001", "Noise-cancelling headphones", 12900),
            new Product("SOK-001", "Lucky deploy socks", 1100));

    private DemoCatalog() {
    }

    /** Products whose name or sku contains {@code query}, ignoring case; a blank query returns them all. */
    static List<Product> search(String query) {
        if (query == null || query.isBlank()) {
            return PRODUCTS;
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return PRODUCTS.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(needle)
                        || p.sku().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    static Optional<Product> find(String sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equalsIgnoreCase(sku)).findFirst();
    }
}
