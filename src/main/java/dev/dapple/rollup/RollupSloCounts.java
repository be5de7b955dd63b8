package dev.dapple.rollup;

import dev.dapple.result.RunReader;
import dev.dapple.retention.RetentionConfiguration;
import dev.dapple.slo.EventCounts;
import dev.dapple.slo.Objective;
import dev.dapple.slo.SloCounts;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SLO counts from the SLO rollups: the stored counts of the largest derived buckets covering a span (see
 * {@link Coverage}), plus the raw runs of its edges and of minutes not derived yet, classified by the same
 * {@link SloEvents} as derivation. A few indexed queries per call, whatever the span's length.
 */
@Singleton
public final class RollupSloCounts implements SloCounts {

    private final RollupStore store;
    private final RunReader reader;
    private final RetentionConfiguration retention;
    private final SloClassifier classifier;
    private final Clock clock;

    RollupSloCounts(RollupStore store, RunReader reader, RetentionConfiguration retention, SloClassifier classifier,
                    Clock clock) {
        this.store = store;
        this.reader = reader;
        this.retention = retention;
        this.classifier = classifier;
        this.clock = clock;
    }

    @Override
    public Counts count(String journey, Instant from, Instant to) {
        return counts(journey, from, to).getOrDefault(journey, Counts.NONE);
    }

    @Override
    public Map<String, Counts> countAll(Instant from, Instant to) {
        return counts(null, from, to);
    }

    private Map<String, Counts> counts(@Nullable String journey, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("an SLO span must not end (" + to + ") before it starts (" + from + ")");
        }
        Rollups total = new Rollups();
        try (Connection connection = store.connection()) {
            Coverage coverage = Coverage.current(store, connection, retention, from, to, clock.instant());
            Map<String, String> filter = journey == null ? Map.of() : Map.of("journey", journey);
            SloEvents events = null;
            for (Coverage.Piece piece : coverage.pieces()) {
                if (piece.size() == null) {
                    if (events == null) {
                        events = journey == null ? classifier.snapshot() : classifier.snapshot(journey);
                    }
                    events.addTo(total, reader.planned(piece.from(), piece.to(), journey, null));
                } else {
                    store.read(connection, RollupTable.SLO, piece.size(), piece.from(), piece.to(), filter,
                            start -> total);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SLO counts " + (journey == null ? "of every journey" : "of " + journey)
                    + " in [" + from + ", " + to + ") cannot be read: " + e.getMessage(), e);
        }
        return byJourney(total);
    }

    private static Map<String, Counts> byJourney(Rollups total) {
        Map<String, Map<Objective, Map<String, EventCounts>>> perLocation = new HashMap<>();
        Map<String, Map<Objective, EventCounts>> timeslices = new HashMap<>();
        total.of(RollupTable.SLO).forEach((key, tally) -> {
            String journey = key.get(0);
            Objective objective = Objective.parse(key.get(1));
            String location = key.get(2);
            EventCounts counts = new EventCounts(tally.count(RollupTable.SLO.counter("good")),
                    tally.count(RollupTable.SLO.counter("bad")));
            if (location.equals(RollupTable.TIMESLICES)) {
                timeslices.computeIfAbsent(journey, j -> new HashMap<>()).merge(objective, counts, EventCounts::plus);
            } else {
                perLocation.computeIfAbsent(journey, j -> new HashMap<>())
                        .computeIfAbsent(objective, o -> new HashMap<>()).merge(location, counts, EventCounts::plus);
            }
        });
        Map<String, Counts> counts = new HashMap<>();
        for (String journey : union(perLocation.keySet(), timeslices.keySet())) {
            counts.put(journey, new Counts(perLocation.getOrDefault(journey, Map.of()),
                    timeslices.getOrDefault(journey, Map.of())));
        }
        return counts;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
