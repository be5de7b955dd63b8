package dev.dapple.demo;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless demo login tokens: {@code base64url(user).expiryEpochSeconds.base64url(hmac)}, signed with a key made
 * fresh for each process. Nothing is stored per login, so memory does not grow however often journeys run.
 */
@Singleton
@Requires(bean = DemoShopConfiguration.class)
final class DemoTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Clock clock;
    private final SecretKeySpec key;

    @Inject
    DemoTokens(Optional<Clock> clock) {
        this(clock.orElseGet(Clock::systemUTC), randomKey());
    }

    DemoTokens(Clock clock, byte[] key) {
        this.clock = clock;
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String issue(String user) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + expiry;
        return payload + "." + ENCODER.encodeToString(sign(payload));
    }

    /** The user a valid, unexpired token was issued to; empty for anything else. */
    Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int lastDot = token.lastIndexOf('.');
        int firstDot = token.indexOf('.');
        if (firstDot <= 0 || lastDot == firstDot) {
            return Optional.empty();
        }
        String payload = token.substring(0, lastDot);
        try {
            byte[] mac = DECODER.decode(token.substring(lastDot + 1));
            if (!MessageDigest.isEqual(mac, sign(payload))) {
                return Optional.empty();
            }
            long expiry = Long.parseLong(payload.substring(firstDot + 1));
            if (clock.instant().getEpochSecond() >= expiry) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(payload.substring(0, firstDot)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) { // bad base64 or number: a forged or mangled token
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe; one per call is cheap enough here
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
