package dev.dapple.probe.remote;

import dev.dapple.database.Timestamps;
import dev.dapple.probe.ProbeDirectory;
import dev.dapple.probe.ProbeStatus;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code probes} table: every probe that reported in, remote agents and the servers' embedded probes alike, kept
 * by its heartbeats. It is the {@link ProbeDirectory}, and it decides each probe's share of its location's journeys
 * by {@link Rendezvous} over the probes with a fresh heartbeat, so every server gives the same answer.
 */
@Singleton
@Requires(notEnv = Environment.CLI)
public final class ProbeRegistry implements ProbeDirectory {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Argument<List<String>> NAMES = Argument.listOf(String.class);

    private final DataSource dataSource;
    private final JsonMapper json;
    private final ProbeTimings timings;
    private final Clock clock;

    public ProbeRegistry(DataSource dataSource, JsonMapper json, ProbeTimings timings, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.json = json;
        this.timings = timings;
        this.clock = clock;
    }

    public ProbeTimings timings() {
        return timings;
    }

    /** A probe introducing itself: a new row, or the known row with its version, capacity and a fresh heartbeat. */
    public void register(String location, Hello hello, Instant now) throws SQLException {
        upsert("UPDATE probes SET version = ?, capacity = ?, last_heartbeat = ? WHERE location = ? AND probe = ?",
                new Object[] {hello.version(), hello.capacity(), time(now), location, hello.probe()},
                new Beat(hello.probe(), hello.version(), 0, hello.capacity(), 0, 0, List.of()), location, now);
    }

    /** A heartbeat: everything the probe reports, and it is fresh again. Registers a probe it does not know. */
    public void beat(String location, Beat beat, Instant now) throws SQLException {
        upsert("UPDATE probes SET version = ?, capacity = ?, last_heartbeat = ?, running = ?, buffer_depth = ?,"
                        + " buffer_dropped = ?, assigned = ? WHERE location = ? AND probe = ?",
                new Object[] {beat.version(), beat.capacity(), time(now), beat.running(), beat.bufferDepth(),
                        beat.bufferDropped(), names(beat.assigned()), location, beat.probe()},
                beat, location, now);
    }

    /** The probes of {@code location} whose heartbeat is fresh at {@code now}, by name. */
    public List<String> live(String location, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT probe FROM probes WHERE location = ? AND last_heartbeat > ? ORDER BY probe")) {
            select.setString(1, location);
            select.setObject(2, time(now.minus(timings.heartbeatExpiry())));
            try (ResultSet rows = select.executeQuery()) {
                var names = new ArrayList<String>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }

    /**
     * The journeys {@code probe} runs out of its location's {@code journeys}: its rendezvous share among the live
     * probes. The asking probe counts as live even before its first beat is stored, so a new probe starts at once.
     */
    public List<String> share(String location, String probe, Collection<String> journeys, Instant now)
            throws SQLException {
        var keys = new ArrayList<String>();
        for (String name : live(location, now)) {
            keys.add(Rendezvous.key(location, name));
        }
        String own = Rendezvous.key(location, probe);
        if (!keys.contains(own)) {
            keys.add(own);
        }
        return Rendezvous.share(journeys, own, keys);
    }

    @Override
    public List<ProbeStatus> probes() {
        Instant silentBefore = clock.instant().minus(timings.heartbeatExpiry());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT location, probe, version, last_heartbeat,"
                     + " assigned, running, capacity, buffer_depth, buffer_dropped FROM probes ORDER BY location, probe");
             ResultSet rows = select.executeQuery()) {
            var probes = new ArrayList<ProbeStatus>();
            while (rows.next()) {
                Instant last = Timestamps.instant(rows, 4);
                probes.add(new ProbeStatus(rows.getString(1), rows.getString(2), rows.getString(3), last,
                        !last.isAfter(silentBefore), names(rows.getString(5)), rows.getInt(6), rows.getInt(7),
                        rows.getLong(8), rows.getLong(9)));
            }
            return probes;
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the probes: " + e.getMessage(), e);
        }
    }

    /** UPDATE the row, else INSERT it; an insert racing another server's falls back to the update. */
    private void upsert(String update, Object[] values, Beat row, String location, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement statement = connection.prepareStatement(update)) {
                    for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                    }
                    if (statement.executeUpdate() == 1) {
                        return;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO probes (location, probe,"
                        + " version, first_seen, last_heartbeat, running, capacity, buffer_depth, buffer_dropped,"
                        + " assigned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, location);
                    insert.setString(2, row.probe());
                    insert.setString(3, row.version());
                    insert.setObject(4, time(now));
                    insert.setObject(5, time(now));
                    insert.setInt(6, row.running());
                    insert.setInt(7, row.capacity());
                    insert.setLong(8, row.bufferDepth());
                    insert.setLong(9, row.bufferDropped());
                    insert.setString(10, names(row.assigned()));
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    private String names(List<String> names) {
        try {
            return json.writeValueAsString(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> names(String text) {
        try {
            return json.readValue(text, NAMES);
        } catch (IOException e) {
            throw new UncheckedIOException("a probe's assigned journeys are not a JSON list: " + text, e);
        }
    }

    // Microseconds: what PostgreSQL stores, so a value read back equals the one written on both databases.
    private static Object time(Instant instant) {
        return Timestamps.of(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
