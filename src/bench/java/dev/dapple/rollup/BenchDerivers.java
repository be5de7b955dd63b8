package dev.dapple.rollup;

import dev.dapple.maintenance.TestCalendar;
import dev.dapple.result.RunReader;
import dev.dapple.result.RunRecords;
import dev.dapple.retention.RetentionConfiguration;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The real {@link RollupDeriver} on a plain data source with the default configuration, for benchmarks outside this
 * package (its constructor and store are package-private, as the application only gets them injected).
 */
public final class BenchDerivers {

    /** The defaults of {@code dapple.retention.*}: a benchmark's steady state is sized by them. */
    public static final RetentionConfiguration DEFAULT_RETENTION = new RetentionConfiguration(Duration.ofDays(14),
            Duration.ofDays(3), Duration.ofDays(40), Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(400), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofDays(7));
    /** The default of {@code dapple.rollups.grace}. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(1);

    private BenchDerivers() {
    }

    public static RollupDeriver withDefaults(DataSource dataSource) {
        return new RollupDeriver(new RollupStore(dataSource), new RunReader(dataSource, new RunRecords()),
                new RollupConfiguration(DEFAULT_GRACE), DEFAULT_RETENTION, new SloClassifier(List::of, new TestCalendar()));
    }
}
