package dev.dapple.rollup;

import java.util.List;

/**
 * The rollup tables, described by their key and counter columns, so one piece of JDBC code reads, merges and writes
 * all of them. A new per-bucket counter is one more name here, one column in a migration and one line in
 * {@link Rollups#add}.
 */
enum RollupTable {
    /** Per journey and location: runs by outcome; durations of the runs that completed (UP, DEGRADED). */
    JOURNEY("journey_rollups", List.of("journey", "location"), List.of("up", "degraded", "down", "error"), true),
    /** Per journey, step and location: steps by outcome; durations of the steps that got a response. */
    STEP("step_rollups", List.of("journey", "step", "location"), List.of("passed", "failed", "skipped"), true),
    /** Per location: schedule lateness (started - planned) of the runs that started; runs that were missed. */
    LATENESS("lateness_rollups", List.of("location"), List.of("missed"), true),
    /**
     * Per journey, objective ({@code Objective.key()}) and location: good and bad SLO events, classified when the
     * minute is derived; location {@link #TIMESLICES} holds the planned times instead. No histogram.
     */
    SLO("slo_rollups", List.of("journey", "objective", "location"), List.of("good", "bad"), false);

    /** The location value of the time-slice rows of {@link #SLO}; location names never contain '*'. */
    static final String TIMESLICES = "*";

    private final String table;
    private final List<String> keyColumns;
    private final List<String> counters;
    private final boolean histogram;

    RollupTable(String table, List<String> keyColumns, List<String> counters, boolean histogram) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.counters = counters;
        this.histogram = histogram;
    }

    /** Whether rows hold a histogram of durations besides their counters. */
    boolean histogram() {
        return histogram;
    }

    String table() {
        return table;
    }

    List<String> keyColumns() {
        return keyColumns;
    }

    /** Counter names as the API shows them; the column of each is {@code <name>_count}. */
    List<String> counters() {
        return counters;
    }

    /** The index of a counter, by its name in any case (an enum constant's name, e.g. {@code UP}). */
    int counter(String name) {
        int index = counters.indexOf(name.toLowerCase(java.util.Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException(table + " has no counter " + name);
        }
        return index;
    }

    List<String> counterColumns() {
        return counters.stream().map(c -> c + "_count").toList();
    }
}
