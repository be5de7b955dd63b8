package dev.dapple.rollup;

import static dev.dapple.database.Transactions.inTransaction;

import dev.dapple.result.RunReader;
import dev.dapple.result.RunResult;
import dev.dapple.retention.RetentionConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives rollups from raw runs, one pass at a time (the leader calls {@link #pass} periodically): minutes from the
 * runs planned in them once closed plus the grace, hours from minutes, days from hours. Each size's progress is a
 * position in {@code rollup_progress}, advanced in the same transaction that replaces the buckets behind it (delete
 * plus insert), so a restart or a new leader continues exactly there: no gap, no double count. The row is locked
 * for the transaction, so even two instances that both believe they lead cannot interleave.
 *
 * <p>A result received after its minute was derived re-derives that minute, and the hour and day holding it when
 * those were derived already. A maintenance window added (or removed) for the past re-derives the hours it covers
 * within raw retention, and the days holding them, so their SLO counts follow the calendar (see {@link SloEvents} and
 * {@link MaintenanceChanges}). A pass does a bounded amount of work, so a leader after a long outage catches up in
 * steady steps rather than one giant transaction.
 */
@Singleton
public final class RollupDeriver {

    /**
     * Late results are looked for among the runs received since this long before the last pass started: an ingest
     * transaction stamps {@code received_at} before it commits, so a run may become visible a little after its time.
     */
    static final Duration COMMIT_SLACK = Duration.ofSeconds(10);
    static final int RUNS_PER_TRANSACTION = 5_000;
    static final int HOURS_PER_TRANSACTION = 6;
    static final int DAYS_PER_TRANSACTION = 7;
    static final int TRANSACTIONS_PER_PASS = 8;
    static final int LATE_MINUTES_PER_PASS = 60;
    static final String LATE_RESULTS = "late-results";

    private static final Logger LOG = LoggerFactory.getLogger(RollupDeriver.class);

    /**
     * What one pass did; {@code behind} when it stopped at its bound with closed buckets (or hours of changed
     * maintenance windows) left to derive.
     */
    public record Pass(int minutes, int hours, int days, int lateMinutes, int maintenanceHours, boolean behind) {
    }

    private final RollupStore store;
    private final RunReader reader;
    private final RollupConfiguration config;
    private final RetentionConfiguration retention;
    private final SloClassifier slo;
    private final MaintenanceChanges maintenance;
    private final int runsPerTransaction;
    private boolean catchingUp; // for logging the start and end of a catch-up once; only the pass's caller touches it

    @Inject
    RollupDeriver(RollupStore store, RunReader reader, RollupConfiguration config, RetentionConfiguration retention,
                  SloClassifier slo) {
        this(store, reader, config, retention, slo, RUNS_PER_TRANSACTION);
    }

    /** For tests: smaller transactions. */
    RollupDeriver(RollupStore store, RunReader reader, RollupConfiguration config, RetentionConfiguration retention,
                  SloClassifier slo, int runsPerTransaction) {
        this.runsPerTransaction = runsPerTransaction;
        this.slo = slo;
        this.maintenance = new MaintenanceChanges(store, slo.calendar(), retention.runs());
        this.store = store;
        this.reader = reader;
        this.config = config;
        this.retention = retention;
    }

    /** One bounded pass at wall-clock time {@code now}. */
    public synchronized Pass pass(Instant now) throws SQLException {
        Instant checkFrom = now.minus(COMMIT_SLACK);
        // Late results first: checked against the minutes derived before this pass, whose runs are all in.
        int late = rederiveLate(now, checkFrom);
        MaintenanceChanges.Work changed = maintenance.pass(now, checkFrom, this::rederiveHours);
        Instant limit = minuteLimit(now);
        int minutes = deriveMinutes(limit);
        int hours = deriveMerged(BucketSize.HOUR, HOURS_PER_TRANSACTION);
        int days = deriveMerged(BucketSize.DAY, DAYS_PER_TRANSACTION);
        boolean behind = behind(limit);
        logCatchUp(behind, now);
        return new Pass(minutes, hours, days, late, changed.hours(), behind || changed.left());
    }

    /** Minutes before this are closed and past the grace. */
    private Instant minuteLimit(Instant now) {
        return BucketSize.MINUTE.floor(now.minus(config.grace()));
    }

    private int deriveMinutes(Instant limit) throws SQLException {
        int derived = 0;
        for (int t = 0; t < TRANSACTIONS_PER_PASS; t++) {
            int minutes = inTransaction(store::connection, connection -> deriveMinuteChunk(connection, limit));
            if (minutes == NOTHING_LEFT) {
                break;
            }
            derived += minutes;
        }
        return derived;
    }

    private static final int NOTHING_LEFT = -1;

    /** Derives the next minutes with runs before {@code limit}: how many had runs, or {@link #NOTHING_LEFT}. */
    private int deriveMinuteChunk(Connection connection, Instant limit) throws SQLException {
        String name = BucketSize.MINUTE.plural();
        Optional<Instant> position = store.position(connection, name, true);
        if (position.isEmpty()) {
            position = start(connection);
            if (position.isEmpty()) {
                return NOTHING_LEFT; // no runs at all yet
            }
        }
        if (!position.get().isBefore(limit)) {
            return NOTHING_LEFT;
        }
        Optional<Instant> next = store.firstPlanned(connection, position.get());
        if (next.isEmpty() || !next.get().isBefore(limit)) {
            store.setPosition(connection, name, limit); // only empty minutes left: nothing to write
            return 0;
        }
        // About runsPerTransaction runs, in whole minutes: sparse stretches go fast, busy ones in small steps.
        Instant from = BucketSize.MINUTE.floor(next.get());
        Instant to = store.nthPlanned(connection, from, runsPerTransaction + 1)
                .map(nth -> max(BucketSize.MINUTE.floor(nth), from.plus(BucketSize.MINUTE.duration())))
                .map(end -> min(end, limit)).orElse(limit);
        Map<Instant, Rollups> buckets = minutesFromRuns(from, to);
        store.replace(connection, BucketSize.MINUTE, from, to, buckets);
        store.markDerived(connection, from, to, runsPerMinute(buckets));
        store.setPosition(connection, name, to);
        return buckets.size();
    }

    /** Every size starts at the UTC day of the first run, so hours and days line up with the minutes. */
    private Optional<Instant> start(Connection connection) throws SQLException {
        Optional<Instant> first = store.firstPlanned(connection, Instant.EPOCH);
        if (first.isPresent()) {
            Instant day = BucketSize.DAY.floor(first.get());
            for (BucketSize size : BucketSize.values()) {
                store.setPosition(connection, size.plural(), day);
            }
            LOG.info("Rollups: deriving from {}, the day of the first stored run", day);
            return Optional.of(day);
        }
        return Optional.empty();
    }

    /** The minutes' rollups, their SLO counts classified with the catalog and maintenance calendar of now. */
    private Map<Instant, Rollups> minutesFromRuns(Instant from, Instant to) throws SQLException {
        Map<Instant, List<RunResult>> runs = new HashMap<>();
        for (RunResult run : reader.planned(from, to, null, null)) {
            runs.computeIfAbsent(BucketSize.MINUTE.floor(run.plannedAt()), m -> new ArrayList<>()).add(run);
        }
        SloEvents events = slo.snapshot();
        Map<Instant, Rollups> buckets = new HashMap<>();
        runs.forEach((minute, ofMinute) -> {
            Rollups rollups = new Rollups();
            ofMinute.forEach(rollups::add);
            events.addTo(rollups, ofMinute);
            buckets.put(minute, rollups);
        });
        return buckets;
    }

    private static Map<Instant, Integer> runsPerMinute(Map<Instant, Rollups> buckets) {
        Map<Instant, Integer> runs = new HashMap<>();
        buckets.forEach((minute, rollups) -> runs.put(minute, rollups.runs()));
        return runs;
    }

    /** Derives hours from minutes or days from hours, as far as the finer size is derived. */
    private int deriveMerged(BucketSize size, int perTransaction) throws SQLException {
        int derived = 0;
        for (int t = 0; t < TRANSACTIONS_PER_PASS; t++) {
            int merged = inTransaction(store::connection, connection -> {
                Optional<Instant> position = store.position(connection, size.plural(), true);
                Optional<Instant> finer = store.position(connection, size.finer().plural(), false);
                if (position.isEmpty() || finer.isEmpty() || !position.get().isBefore(size.floor(finer.get()))) {
                    return NOTHING_LEFT;
                }
                Instant from = position.get();
                Instant to = min(from.plus(size.duration().multipliedBy(perTransaction)), size.floor(finer.get()));
                int buckets = merge(connection, size, from, to);
                store.setPosition(connection, size.plural(), to);
                return buckets;
            });
            if (merged == NOTHING_LEFT) {
                break;
            }
            derived += merged;
        }
        return derived;
    }

    /**
     * Replaces the buckets of {@code size} in [from, to) by the merge of the finer buckets inside them.
     *
     * @return how many of them hold data
     */
    private int merge(Connection connection, BucketSize size, Instant from, Instant to) throws SQLException {
        Map<Instant, Rollups> buckets = new HashMap<>();
        for (RollupTable table : RollupTable.values()) {
            store.read(connection, table, size.finer(), from, to, Map.of(),
                    start -> buckets.computeIfAbsent(size.floor(start), s -> new Rollups()));
        }
        store.replace(connection, size, from, to, buckets);
        return buckets.size();
    }

    /**
     * Re-derives the minutes (and their derived hours and days) that got runs after they were derived: minutes of
     * the runs received since the last check whose stored runs now outnumber those they were derived from. Counting
     * (not comparing times) re-derives a minute exactly once per late arrival, whatever the clocks.
     */
    private int rederiveLate(Instant now, Instant checkFrom) throws SQLException {
        TreeSet<Instant> late = new TreeSet<>();
        try (Connection connection = store.connection()) {
            Optional<Instant> checked = store.position(connection, LATE_RESULTS, false);
            Optional<Instant> minutes = store.position(connection, BucketSize.MINUTE.plural(), false);
            if (checked.isEmpty() || minutes.isEmpty()) {
                store.setPosition(connection, LATE_RESULTS, checkFrom);
                return 0;
            }
            for (Instant minute : store.minutesReceivedAfter(connection, checked.get(), minutes.get())) {
                int stored = store.storedRuns(connection, minute, minute.plus(BucketSize.MINUTE.duration()));
                if (stored != store.derivedRuns(connection, minute)) {
                    late.add(minute);
                }
            }
        }
        Instant horizon = now.minus(retention.minuteRollups());
        List<Instant> tooLate = late.stream().filter(m -> BucketSize.HOUR.floor(m).isBefore(horizon)).toList();
        if (!tooLate.isEmpty()) {
            LOG.warn("Rollups: results for {} minute(s) from {} arrived after their minutes' rollups expired ({}):"
                    + " they stay in the raw runs but not in the rollups", tooLate.size(), tooLate.getFirst(),
                    retention.minuteRollups());
            late.removeAll(tooLate);
        }
        List<Instant> rederived = late.stream().limit(LATE_MINUTES_PER_PASS).toList();
        for (Instant minute : rederived) {
            rederiveMinute(minute);
        }
        rederiveContaining(BucketSize.HOUR, rederived);
        rederiveContaining(BucketSize.DAY, rederived);
        if (late.size() <= LATE_MINUTES_PER_PASS) {
            try (Connection connection = store.connection()) {
                store.setPosition(connection, LATE_RESULTS, checkFrom);
            }
        } // else the next pass looks at the same results again and takes the minutes still late
        if (!rederived.isEmpty()) {
            LOG.debug("Rollups: late results re-derived {} minute(s) from {}", rederived.size(), rederived.getFirst());
        }
        return rederived.size();
    }

    private void rederiveMinute(Instant minute) throws SQLException {
        rederiveMinutes(minute, minute.plus(BucketSize.MINUTE.duration()));
    }

    /** Derives the minutes in [from, to) again, in one transaction. */
    private void rederiveMinutes(Instant from, Instant to) throws SQLException {
        inTransaction(store::connection, connection -> {
            store.position(connection, BucketSize.MINUTE.plural(), true); // one writer of minutes at a time
            Map<Instant, Rollups> buckets = minutesFromRuns(from, to);
            store.replace(connection, BucketSize.MINUTE, from, to, buckets);
            store.markDerived(connection, from, to, runsPerMinute(buckets));
            return null;
        });
    }

    /** Derives these hours again from raw runs (minutes up to {@code minutesUntil}), and their derived hours and days. */
    private void rederiveHours(List<Instant> hours, Instant minutesUntil) throws SQLException {
        for (Instant hour : hours) {
            rederiveMinutes(hour, min(hour.plus(BucketSize.HOUR.duration()), minutesUntil));
        }
        rederiveContaining(BucketSize.HOUR, hours);
        rederiveContaining(BucketSize.DAY, hours);
    }

    /** Re-merges the buckets of {@code size} holding these minutes, where that size was derived already. */
    private void rederiveContaining(BucketSize size, List<Instant> minutes) throws SQLException {
        TreeSet<Instant> buckets = new TreeSet<>(minutes.stream().map(size::floor).toList());
        for (Instant bucket : buckets) {
            inTransaction(store::connection, connection -> {
                Optional<Instant> position = store.position(connection, size.plural(), true);
                if (position.isPresent() && bucket.isBefore(position.get())) {
                    merge(connection, size, bucket, bucket.plus(size.duration()));
                }
                return null;
            });
        }
    }

    /** Whether closed buckets are left that this pass's bound did not reach. */
    private boolean behind(Instant minuteLimit) throws SQLException {
        try (Connection connection = store.connection()) {
            Map<BucketSize, Instant> positions = new HashMap<>();
            for (BucketSize size : BucketSize.values()) {
                Optional<Instant> position = store.position(connection, size.plural(), false);
                if (position.isEmpty()) {
                    return false; // nothing derived yet: no runs
                }
                positions.put(size, position.get());
            }
            return positions.get(BucketSize.MINUTE).isBefore(minuteLimit)
                    || positions.get(BucketSize.HOUR).isBefore(BucketSize.HOUR.floor(positions.get(BucketSize.MINUTE)))
                    || positions.get(BucketSize.DAY).isBefore(BucketSize.DAY.floor(positions.get(BucketSize.HOUR)));
        }
    }

    private void logCatchUp(boolean behind, Instant now) throws SQLException {
        if (behind && !catchingUp) {
            Instant minutes;
            try (Connection connection = store.connection()) {
                minutes = store.position(connection, BucketSize.MINUTE.plural(), false).orElse(now);
            }
            LOG.info("Rollups: catching up, minutes derived up to {} ({} behind); each pass derives a bounded part",
                    minutes, Duration.between(minutes, now).withNanos(0));
        } else if (!behind && catchingUp) {
            LOG.info("Rollups: caught up");
        }
        catchingUp = behind;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
