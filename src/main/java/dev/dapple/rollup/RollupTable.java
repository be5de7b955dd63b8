package dev.dapple.rollup;

import java.util.List;

/**
 * The rollup tables, described by their key and counter columns, so one piece of JDBC code reads, merges and writes
 * all three. A new per-bucket counter is one more name here, one column in a migration and one line in
 * {@link Rollups#add}.
 */
enum RollupTable {
    /** Per journey and location: runs by outcome; durations of the runs that completed (UP, DEGRADED). */
    JOURNEY("journey_rollups", List.of("journey", "location"), List.of("up", "degraded", "down", "error")),
    /** Per journey, step and location: steps by outcome; durations of the steps that got a response. */
    STEP("step_rollups", List.of("journey", "step", "location"), List.of("passed", "failed", "skipped")),
    /** Per location: schedule lateness (started - planned) of the runs that started; runs that were missed. */
    LATENESS("lateness_rollups", List.of("location"), List.of("missed"));

    private final String table;
    private final List<String> keyColumns;
    private final List<String> counters;

    RollupTable(String table, List<String> keyColumns, List<String> counters) {
        this.table = table;
        this.keyColumns = keyColumns;
        this.counters = counters;
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
