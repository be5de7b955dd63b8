package dev.dapple.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoTokensTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    private static DemoTokens at(Instant instant, byte[] key) {
        return new DemoTokens(Clock.fixed(instant, ZoneOffset.UTC), key);
    }

    @Test
    void aTokenNamesItsUser() {
        var tokens = at(NOW, KEY);
        assertEquals(Optional.of("qa bot.ünïcode"), tokens.verify(tokens.issue("qa bot.ünïcode")));
    }

    @Test
    void aTokenExpiresAfterItsLifetime() {
        String token = at(NOW, KEY).issue("qa-bot");
        assertEquals(Optional.of("qa-bot"), at(NOW.plus(DemoTokens.LIFETIME).minusSeconds(1), KEY).verify(token));
        assertEquals(Optional.empty(), at(NOW.plus(DemoTokens.LIFETIME), KEY).verify(token));
    }

    @Test
    void anotherProcessKeyRejectsTheToken() {
        String token = at(NOW, KEY).issue("qa-bot");
        assertEquals(Optional.empty(), at(NOW, "another key, another process!!!!".getBytes()).verify(token));
    }

    @Test
    void aTamperedTokenIsRejected() {
        var tokens = at(NOW, KEY);
        String token = tokens.issue("alice");
        String[] parts = token.split("\\.");
        String asBob = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("bob".getBytes())
                + "." + parts[1] + "." + parts[2];
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertEquals(Optional.empty(), tokens.verify(asBob));
        assertEquals(Optional.empty(), tokens.verify(later));
    }

    @Test
    void garbageIsRejected() {
        var tokens = at(NOW, KEY);
        for (String garbage : new String[] {null, "", ".", "..", "a.b", "a.b.c", "!!.1.!!", "YQ.notanumber.AAAA", "x"}) {
            assertTrue(tokens.verify(garbage).isEmpty(), String.valueOf(garbage));
        }
    }
}
