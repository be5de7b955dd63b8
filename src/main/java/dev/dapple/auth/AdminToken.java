package dev.dapple.auth;

import dev.dapple.DataDirectory;
import dev.dapple.secret.Secrets;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The admin token that guards every state-changing API call: {@code DAPPLE_ADMIN_TOKEN} (environment or secrets
 * dir), else {@code <data dir>/admin.token}, generated on first start with mode 600.
 */
@Singleton
public final class AdminToken {

    static final String SECRET_NAME = "DAPPLE_ADMIN_TOKEN";
    static final String FILE_NAME = "admin.token";

    private final byte[] hash;
    private final String source;

    public AdminToken(Secrets secrets, DataDirectory dataDirectory) {
        var configured = secrets.get(SECRET_NAME);
        if (configured.isPresent()) {
            this.hash = sha256(configured.get());
            this.source = SECRET_NAME;
        } else {
            Path file = dataDirectory.resolve(FILE_NAME);
            this.hash = sha256(readOrCreate(file));
            this.source = file.toString();
        }
    }

    /** Where the token comes from, for the start line: the variable's name or the file's path, never the value. */
    public String source() {
        return source;
    }

    /** Constant-time comparison: hashing first gives equal lengths, so timing tells nothing about the token. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(hash, sha256(candidate));
    }

    /** A value derived from the token for a browser session cookie; it changes when the token changes. */
    String sessionValue() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("dapple-session:" + HexFormat.of().formatHex(hash)));
    }

    boolean matchesSession(String cookie) {
        return cookie != null && MessageDigest.isEqual(
                sessionValue().getBytes(StandardCharsets.US_ASCII), cookie.getBytes(StandardCharsets.US_ASCII));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
