package dev.dapple.probe.remote;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The {@code probe_tokens} table: tokens created by {@code dapple token create}, each bound to one location. Only a
 * token's SHA-256 is stored, so the table never gives a token away; a lookup by hash needs no constant-time compare.
 */
@Singleton
public final class ProbeTokens {

    /** Location names as journeys write them: they appear in URLs, metrics and run ids. */
    static final Pattern LOCATION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final String PREFIX = "dpt_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token: the text to hand to the probe, once, and its row. */
    public record Created(String token, ProbeToken row) {
    }

    private final DataSource dataSource;

    public ProbeTokens(DataSource dataSource) {
        // Raw connections: a token written by the CLI must commit at once.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** Creates a token for {@code location}; the returned text is the only copy there will ever be. */
    public Created create(String location, @Nullable String label, Instant now) throws SQLException {
        checkLocation(location);
        if (label != null && label.length() > 200) {
            throw new IllegalArgumentException("a label has at most 200 characters, this one " + label.length());
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO probe_tokens (location, token_hash,"
                     + " created_at, label) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, location);
            insert.setString(2, hash(token));
            insert.setObject(3, Timestamps.of(at));
            insert.setString(4, label);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Created(token, new ProbeToken(keys.getLong(1), location, at, null, label));
            }
        }
    }

    /** Every token, revoked ones included, oldest first. */
    public List<ProbeToken> list() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, location, created_at, revoked_at, label FROM probe_tokens ORDER BY id");
             ResultSet rows = select.executeQuery()) {
            var tokens = new ArrayList<ProbeToken>();
            while (rows.next()) {
                tokens.add(new ProbeToken(rows.getLong(1), rows.getString(2), Timestamps.instant(rows, 3),
                        Timestamps.instant(rows, 4), rows.getString(5)));
            }
            return tokens;
        }
    }

    /** Revokes a token at {@code now}; false when there is no such token. Revoking twice keeps the first time. */
    public boolean revoke(long id, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE probe_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")) {
            update.setObject(1, Timestamps.of(now.truncatedTo(ChronoUnit.MICROS)));
            update.setLong(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The location of a stored token that is not revoked. */
    public Optional<String> location(String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT location FROM probe_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, hash(token));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    static void checkLocation(String location) {
        if (location == null || !LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("a location name is 1 to 64 lowercase letters, digits and '-', not '"
                    + location + "'");
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
