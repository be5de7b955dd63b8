package dev.dapple.result;

import dev.dapple.database.Timestamps;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The newest stored run of each (journey, location): what the read API calls a journey's current outcome there.
 * One query for all journeys (the error comes from the run's detail), and bounded: each journey is looked at only from a
 * lower bound on, so the query reads the last few runs per (journey, location) however many days are kept.
 */
@Singleton
public final class LatestRuns {

    /** The newest run of a journey at one location. */
    public record Latest(UUID id, String journey, String location, Instant plannedAt, Outcome outcome,
                         @Nullable ErrorKind errorKind, @Nullable String error) {
    }

    private final DataSource dataSource;

    public LatestRuns(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * @param since per journey, the planned time from which its runs count
     * @return per journey (those with a run since their bound), the newest run at each location, by location
     */
    public Map<String, List<Latest>> newest(Map<String, Instant> since) throws SQLException {
        if (since.isEmpty()) {
            return Map.of();
        }
        // The newest planned time per (journey, location), then its row: a run's id comes from exactly this triple,
        // so the join finds one row each. The journeys and their bounds come as a VALUES table joined on the
        // (journey, planned_at) index: an IN list of parameters is compared value by value for every row H2 reads,
        // which made this query cost most of the overview's time with 1,000 journeys. Plain SQL that H2
        // (PostgreSQL mode) and PostgreSQL both run.
        var values = new ArrayList<Object>();
        since.forEach((journey, bound) -> {
            values.add(journey);
            values.add(Timestamps.of(bound));
        });
        String sql = "SELECT r.id, r.journey, r.location, r.planned_at, r.outcome, r.detail FROM runs r"
                + " JOIN (SELECT s.journey, s.location, MAX(s.planned_at) AS newest FROM (VALUES "
                + String.join(", ", Collections.nCopies(since.size(), "(?, CAST(? AS TIMESTAMP WITH TIME ZONE))"))
                + ") AS b(journey, bound) JOIN runs s ON s.journey = b.journey AND s.planned_at >= b.bound"
                + " GROUP BY s.journey, s.location) n"
                + " ON r.journey = n.journey AND r.location = n.location AND r.planned_at = n.newest";
        var found = new TreeMap<String, List<Latest>>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                query.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    RunDetailCodec.Detail detail = RunDetailCodec.decode(rows.getBytes(6)); // the run's error
                    var latest = new Latest(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            Timestamps.instant(rows, 4), Outcome.valueOf(rows.getString(5)),
                            detail.errorKind(), detail.error());
                    found.computeIfAbsent(latest.journey(), j -> new ArrayList<>()).add(latest);
                }
            }
        }
        found.values().forEach(list -> list.sort(Comparator.comparing(Latest::location)));
        return found;
    }
}
