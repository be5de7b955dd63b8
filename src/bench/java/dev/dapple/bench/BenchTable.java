package dev.dapple.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Collects the bench's figures and prints them as one markdown table, with the machine and the goals. */
final class BenchTable {

    private static final double OVERHEAD_P50_GOAL_MS = 0.5;
    private static final double OVERHEAD_P99_GOAL_MS = 2;
    private static final double LATENESS_P99_GOAL_MS = 50;

    private final long delayMillis;
    private final List<String> rows = new ArrayList<>();
    private final List<LoadRun.Result> loads = new ArrayList<>();
    private String machine = "";
    private String startLoad = "";

    BenchTable(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    void machine(String loadAverage) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        machine = "%d cores (%s %s), %s %s, target answers after %d ms".formatted(
                Runtime.getRuntime().availableProcessors(), os.getName(), os.getArch(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), delayMillis);
        startLoad = loadAverage;
    }

    void wrk(Optional<Wrk.Latency> wrk) {
        if (wrk.isEmpty()) {
            rows.add(row("(a) overhead, reused connection, wrk -t1 -c1", "—", "—", "—", "—", "—",
                    "wrk is not installed (Debian: apt-get install -y wrk); no wrk figures"));
            return;
        }
        long delay = delayMillis * 1_000;
        rows.add(row("(a) overhead, reused connection, wrk -t1 -c1", "—", ms(wrk.get().p50Micros() - delay),
                ms(wrk.get().p99Micros() - delay), "—", "—", wrk.get().requests() + " requests; wrk's latency − delay"));
    }

    /** The RESULT lines of one {@link OverheadProbe}: name → count, p50, p99, max (µs). */
    void overhead(String collector, Map<String, long[]> results) {
        for (String mode : List.of("fresh", "reuse")) {
            long[] recorded = results.get(mode + "-recorded");
            long[] caller = results.get(mode + "-caller");
            long[] target = results.get(mode + "-target");
            if (recorded == null || caller == null || target == null) {
                throw new IllegalStateException("the overhead probe reported no " + mode + " figures: " + results.keySet());
            }
            String label = mode.equals("fresh") ? "(a) overhead, new connection per step (JourneyRunner)"
                    : "(a) overhead, reused connection (HttpExchanger)";
            rows.add(row(label, collector, ms(recorded[1]), ms(recorded[2]), ms(recorded[3]), "—",
                    "%d steps; timed around the call: p50 %s, p99 %s; target's own hold − delay: p50 %s, p99 %s"
                            .formatted(recorded[0], ms(caller[1]), ms(caller[2]), ms(target[1]), ms(target[2]))));
        }
    }

    void load(LoadRun.Result r) {
        loads.add(r);
        int cores = Runtime.getRuntime().availableProcessors();
        rows.add(row("(b) lateness, %,d runs/min (%,d journeys × 3 steps, every 10 s)".formatted(r.runsPerMinute(), r.journeys()),
                r.collector(), ms(r.lateness().getValueAtPercentile(50)), ms(r.lateness().getValueAtPercentile(99)),
                ms(r.lateness().getMaxValue()),
                "%.0f%% / %.0f%%; %.2f ms CPU per run".formatted(r.cpuOfOneCore() * 100, r.cpuOfOneCore() * 100 / cores,
                        r.cpuMillisPerRun()),
                ("runs %d of %d expected, missed %d, not UP %d; step − delay p50 %s, p99 %s; GC pauses %d, %.0f ms in all,"
                        + " max %.1f ms; target CPU %.0f%% of a core; load %s").formatted(r.stored(), r.expected(), r.missed(), r.notUp(),
                        ms(r.stepOverhead().getValueAtPercentile(50)), ms(r.stepOverhead().getValueAtPercentile(99)),
                        r.pauses().count(), r.pauses().totalMillis(), r.pauses().maxMillis(),
                        r.targetCpuOfOneCore() * 100, r.load())));
    }

    void print(PrintStream out, String endLoad) {
        out.println();
        out.println("Machine: " + machine + "; load average (1, 5, 15 min) " + startLoad + " at start, " + endLoad
                + " at end.");
        out.println("Collectors: " + ProbeBench.COLLECTORS.entrySet().stream()
                .map(e -> e.getKey() + " = " + String.join(" ", e.getValue())).toList() + ".");
        out.println();
        out.println("| figure | collector | p50 ms | p99 ms | max ms | CPU (one core / machine) | notes |");
        out.println("|---|---|---:|---:|---:|---:|---|");
        rows.forEach(out::println);
        out.println();
        out.printf("Goals: overhead p50 ≤ %s ms and p99 ≤ %s ms; lateness p99 ≤ %s ms at 20,000 runs/min.%n",
                OVERHEAD_P50_GOAL_MS, OVERHEAD_P99_GOAL_MS, LATENESS_P99_GOAL_MS);
        int top = loads.stream().mapToInt(LoadRun.Result::runsPerMinute).max().orElse(0);
        loads.stream().filter(r -> r.runsPerMinute() == top)
                .min(Comparator.comparingLong((LoadRun.Result r) -> r.lateness().getValueAtPercentile(99) + 1000 * r.missed())
                        .thenComparingDouble(LoadRun.Result::cpuOfOneCore))
                .ifPresent(best -> out.printf("Lowest lateness p99 at %,d runs/min: %s (%s), %s ms.%n", top,
                        best.collector(), String.join(" ", best.jvmFlags()), ms(best.lateness().getValueAtPercentile(99))));
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }
}
