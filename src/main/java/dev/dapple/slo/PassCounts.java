package dev.dapple.slo;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLO counts as one evaluation pass sees them: each span is read once for every journey ({@link
 * SloCounts#countAll}), so a pass over a thousand journeys costs a few queries per span instead of a few per journey
 * and span. If reading a span for everyone fails, each journey reads its own, so one journey's bad data fails only that
 * journey. Not thread-safe: one pass, one thread.
 */
final class PassCounts implements SloCounts {

    private static final Logger LOG = LoggerFactory.getLogger(PassCounts.class);

    private final SloCounts source;
    private final Map<List<Instant>, Map<String, Counts>> spans = new HashMap<>();

    PassCounts(SloCounts source) {
        this.source = source;
    }

    @Override
    public Counts count(String journey, Instant from, Instant to) {
        List<Instant> span = List.of(from, to);
        if (!spans.containsKey(span)) {
            try {
                spans.put(span, source.countAll(from, to));
            } catch (RuntimeException e) {
                LOG.warn("SLO: cannot count [{}, {}) for every journey at once, counting each on its own: {}", from, to,
                        e.toString());
                spans.put(span, null);
            }
        }
        Map<String, Counts> all = spans.get(span);
        return all == null ? source.count(journey, from, to) : all.getOrDefault(journey, Counts.NONE);
    }

    @Override
    public Map<String, Counts> countAll(Instant from, Instant to) {
        return source.countAll(from, to);
    }
}
