package dev.dapple.rollup;

import dev.dapple.retention.RetentionConfiguration;
import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a query covers a window [from, to) of planned times: with the largest UTC-aligned buckets that fit inside it
 * and are derived and still kept (days, then hours, then minutes), and with raw runs for the rest: the partial
 * minutes at the edges and the minutes not derived yet. So the answer is exact to the run, whatever the edges.
 * Where even the raw runs have expired, the window's old end is cut to what is still kept.
 *
 * @param pieces the parts, oldest first; a piece with a null size is read from raw runs
 */
record Coverage(List<Piece> pieces) {

    record Piece(@Nullable BucketSize size, Instant from, Instant to) {
    }

    /**
     * @param derivedUntil per size, where its derivation stands (buckets before it are derived)
     * @param keptFrom     per size, the oldest bucket start retention still keeps
     * @param rawKeptFrom  the oldest planned time retention still keeps in the raw runs
     */
    static Coverage of(Instant from, Instant to, Map<BucketSize, Instant> derivedUntil,
                       Map<BucketSize, Instant> keptFrom, Instant rawKeptFrom) {
        List<Piece> pieces = new ArrayList<>();
        cover(from, to, BucketSize.DAY, derivedUntil, keptFrom, rawKeptFrom, pieces);
        return new Coverage(List.copyOf(pieces));
    }

    /** The coverage of [from, to) by what is derived and kept at {@code now}. */
    static Coverage current(RollupStore store, Connection connection, RetentionConfiguration retention, Instant from,
                            Instant to, Instant now) throws SQLException {
        return current(store, connection, retention, List.of(from, to), now).getFirst();
    }

    /**
     * The coverage of each window [edges[i], edges[i + 1]) by what is derived and kept at {@code now}, reading where
     * the derivations stand once for all of them.
     */
    static List<Coverage> current(RollupStore store, Connection connection, RetentionConfiguration retention,
                                  List<Instant> edges, Instant now) throws SQLException {
        Map<BucketSize, Instant> derived = new EnumMap<>(BucketSize.class);
        Map<BucketSize, Instant> kept = new EnumMap<>(BucketSize.class);
        for (BucketSize size : BucketSize.values()) {
            store.position(connection, size.plural(), false).ifPresent(p -> derived.put(size, p));
            kept.put(size, now.minus(switch (size) {
                case MINUTE -> retention.minuteRollups();
                case HOUR -> retention.hourRollups();
                case DAY -> retention.dayRollups();
            }));
        }
        List<Coverage> coverages = new ArrayList<>(edges.size() - 1);
        for (int i = 0; i + 1 < edges.size(); i++) {
            coverages.add(of(edges.get(i), edges.get(i + 1), derived, kept, now.minus(retention.runs())));
        }
        return coverages;
    }

    private static void cover(Instant from, Instant to, @Nullable BucketSize size, Map<BucketSize, Instant> derivedUntil,
                              Map<BucketSize, Instant> keptFrom, Instant rawKeptFrom, List<Piece> pieces) {
        if (!from.isBefore(to)) {
            return;
        }
        if (size == null) {
            Instant start = later(from, rawKeptFrom);
            if (start.isBefore(to)) {
                pieces.add(new Piece(null, start, to));
            }
            return;
        }
        BucketSize finer = size.finer();
        Instant first = size.ceil(later(from, keptFrom.get(size)));
        Instant end = size.floor(earlier(to, derivedUntil.getOrDefault(size, Instant.EPOCH)));
        if (!first.isBefore(end)) {
            cover(from, to, finer, derivedUntil, keptFrom, rawKeptFrom, pieces);
            return;
        }
        cover(from, first, finer, derivedUntil, keptFrom, rawKeptFrom, pieces);
        pieces.add(new Piece(size, first, end));
        cover(end, to, finer, derivedUntil, keptFrom, rawKeptFrom, pieces);
    }

    /** Where the covered part starts: {@code from}, unless its oldest part has expired. */
    Instant start(Instant from) {
        return pieces.isEmpty() ? from : pieces.getFirst().from();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
