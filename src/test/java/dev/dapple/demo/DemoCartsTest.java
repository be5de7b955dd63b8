package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCartsTest {

    private static final DemoCatalog.Product MUG = DemoCatalog.find("MUG-001").orElseThrow();

    @Test
    void theLeastRecentlyUsedCartIsDroppedAtCapacity() {
        var carts = new DemoCarts(3);
        String first = carts.add("u", null, MUG, 1).orElseThrow().id();
        String second = carts.add("u", null, MUG, 1).orElseThrow().id();
        carts.add("u", null, MUG, 1);
        carts.add("u", first, MUG, 1); // touching the first makes the second the eldest
        carts.add("u", null, MUG, 1);
        assertEquals(3, carts.size());
        assertTrue(carts.checkout("u", second).isEmpty());
        assertEquals(2, carts.checkout("u", first).orElseThrow().lines().size());
    }

    @Test
    void sizeStaysBoundedUnderManyCarts() {
        var carts = new DemoCarts(100);
        for (int i = 0; i < 10_000; i++) {
            carts.add("u" + i, null, MUG, 1);
        }
        assertEquals(100, carts.size());
    }

    @Test
    void aCartBelongsToItsUser() {
        var carts = new DemoCarts(10);
        String id = carts.add("alice", null, MUG, 2).orElseThrow().id();
        assertTrue(carts.add("bob", id, MUG, 1).isEmpty());
        assertTrue(carts.checkout("bob", id).isEmpty());
        assertEquals(2500, carts.checkout("alice", id).orElseThrow().cents());
        assertTrue(carts.checkout("alice", id).isEmpty());
    }
}
