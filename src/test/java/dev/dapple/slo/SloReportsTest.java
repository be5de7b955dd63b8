package dev.dapple.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dapple.slo.SloReport.BurnAlertCheck;
import dev.dapple.slo.SloReport.ExhaustionView;
import dev.dapple.slo.SloReport.Figures;
import dev.dapple.slo.SloReport.ObjectiveReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SLO figures from hand-computed counts (see {@link InMemorySloCounts}); the arithmetic is in the comments. */
class SloReportsTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final double EXACT = 1e-9;

    private final InMemorySloCounts counts = new InMemorySloCounts();
    private final SloReports reports = new SloReports(counts, SloConfiguration.defaults());

    private static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    private static Map<String, Double> burnRates(Double... byWindow) {
        List<String> windows = List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d");
        Map<String, Double> rates = new HashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            rates.put(windows.get(i), byWindow[i]);
        }
        return rates;
    }

    private static void assertRates(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(List.of("5m", "30m", "1h", "2h", "6h", "1d", "3d"), List.copyOf(actual.keySet()));
        expected.forEach((window, rate) -> {
            if (rate == null) {
                assertNull(actual.get(window), window);
            } else {
                assertEquals(rate, actual.get(window), EXACT, window);
            }
        });
    }

    @Test
    void theWorkbooks999PercentOver30Days() {
        // 9000 good runs ten days ago, then 1000 runs in the last hour (40 minutes ago) of which 2 were bad
        counts.add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofDays(10)), 9000, 0)
                .add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(40)), 998, 2);
        SloReport report = reports.report(SloJourneys.journey("shop", "availability: 99.9%\nwindow: 30d"), NOW);

        Figures f = report.objective("availability").budgeted();
        assertEquals(10_000, f.valid());
        assertEquals(2, f.bad());
        assertEquals(0.9998, f.sli(), EXACT);                // 9998 / 10000
        assertEquals(0.001, f.budgetFraction(), EXACT);      // 1 − 0.999
        assertEquals(10.0, f.allowedBad(), EXACT);           // 0.001 × 10000 runs
        assertEquals(0.8, f.budgetRemaining(), EXACT);       // 1 − 2 / 10
        // the last hour: error ratio 2 / 1000 = 0.002, burn rate 0.002 / 0.001 = 2.0; nothing in the last 30 minutes
        assertRates(burnRates(null, null, 2.0, 2.0, 2.0, 2.0, 2.0), f.burnRates());
        // at burn rate 2 the whole budget lasts 30d / 2 = 15d, the remaining 80% of it 12 days
        assertEquals(new ExhaustionView("in", Duration.ofDays(12).toSeconds(), NOW.plus(Duration.ofDays(12))),
                f.exhaustion());

        ObjectiveReport availability = report.objective("availability");
        // the workbook's thresholds for 30 days: 2% × 720h / 1h, 5% × 720h / 6h, 10% × 720h / 24h, 10% × 720h / 72h
        assertEquals(List.of(14.4, 6.0, 3.0, 1.0),
                availability.burnAlerts().stream().map(BurnAlertCheck::threshold).toList());
        assertEquals(List.of("page-1h", "page-6h", "ticket-1d", "ticket-3d"),
                availability.burnAlerts().stream().map(BurnAlertCheck::rule).toList());
        // burn rate 2 over 3 days and over 6 hours is past the 3-day ticket's 1, short of the 1-day ticket's 3
        assertTrue(availability.burnAlert("ticket-3d").burning());
        assertFalse(availability.burnAlert("ticket-1d").burning());
        assertFalse(availability.burnAlert("page-1h").burning());
        assertEquals(1000, availability.burnAlert("ticket-3d").longWindowRuns());
        assertEquals("30d", report.window().length());
    }

    @Test
    void aFastBurnPagesWhenTheLastFiveMinutesConfirmIt() {
        // last hour: 900 runs 40 minutes ago with 13 bad, 100 runs 3 minutes ago with 2 bad
        counts.add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(40)), 887, 13)
                .add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(3)), 98, 2);
        ObjectiveReport availability = reports.report(
                SloJourneys.journey("shop", "availability: 99.9%\nwindow: 30d"), NOW).objective("availability");

        BurnAlertCheck page = availability.burnAlert("page-1h");
        assertEquals(15.0, page.longBurnRate(), EXACT);  // 15 / 1000 = 0.015, / 0.001 = 15 ≥ 14.4
        assertEquals(20.0, page.shortBurnRate(), EXACT); // 2 / 100 = 0.02, / 0.001 = 20 ≥ 14.4
        assertTrue(page.evaluated());
        assertTrue(page.burning());
        // 15 bad runs of a budget of 0.001 × 1000 = 1 run: 14 budgets overspent
        assertEquals(-14.0, availability.budgeted().budgetRemaining(), EXACT);
        assertEquals("exhausted", availability.budgeted().exhaustion().state());
    }

    @Test
    void aLatencyObjective() {
        // 1000 completed runs two days ago, 10 of them slower than 3s; 100 in the last hour, 1 slow
        counts.add("shop", Objective.LATENCY, "eu-west", ago(Duration.ofDays(2)), 990, 10)
                .add("shop", Objective.LATENCY, "eu-west", ago(Duration.ofMinutes(10)), 99, 1);
        SloReport report = reports.report(SloJourneys.journey("shop",
                "availability: 99.5\nlatency: { below: 3s, target: 99% }"), NOW);

        ObjectiveReport latency = report.objective("latency");
        assertEquals(99.0, latency.target());
        assertEquals(3000L, latency.belowMs());
        assertEquals(1100, latency.budgeted().valid());
        assertEquals(0.99, latency.budgeted().sli(), EXACT);          // 1089 / 1100
        assertEquals(11.0, latency.budgeted().allowedBad(), EXACT);   // 0.01 × 1100
        assertEquals(0.0, latency.budgeted().budgetRemaining(), EXACT); // 11 bad of 11 allowed
        assertEquals(1.0, latency.budgeted().burnRates().get("1h"), EXACT); // 1 / 100 / 0.01
        assertEquals("exhausted", latency.budgeted().exhaustion().state());
        // a block without a window: 28 days, so page-1h is 2% × 672h / 1h = 13.44
        assertEquals(13.44, latency.burnAlert("page-1h").threshold(), EXACT);
        assertEquals(List.of("availability", "latency"),
                report.objectives().stream().map(ObjectiveReport::objective).toList());
        assertEquals(0, report.objective("availability").budgeted().valid(), "no availability counts were given");
    }

    @Test
    void perStepLatencyObjectivesAreReportedUnderTheirKey() {
        counts.add("shop", new Objective.StepLatency("login"), "eu-west", ago(Duration.ofHours(3)), 199, 1);
        ObjectiveReport login = reports.report(SloJourneys.journey("shop",
                "steps:\n  login: { below: 800ms, target: 99.9% }"), NOW).objective("latency:login");
        assertEquals(800L, login.belowMs());
        assertEquals(0.995, login.budgeted().sli(), EXACT);            // 199 / 200
        assertEquals(-4.0, login.budgeted().budgetRemaining(), EXACT); // 1 bad of 0.001 × 200 = 0.2 allowed: 1 − 5
    }

    @Test
    void everyLocationHasItsOwnFigures() {
        counts.add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(30)), 500, 0)
                .add("shop", Objective.AVAILABILITY, "us-east", ago(Duration.ofMinutes(30)), 490, 10);
        ObjectiveReport availability = reports.report(SloJourneys.journey("shop", "availability: 99%"), NOW)
                .objective("availability");

        assertEquals(0.99, availability.budgeted().sli(), EXACT); // 990 / 1000 pooled
        assertEquals(List.of("eu-west", "us-east"), List.copyOf(availability.locations().keySet()));
        Figures eu = availability.locations().get("eu-west");
        assertEquals(1.0, eu.sli(), EXACT);
        assertEquals(1.0, eu.budgetRemaining(), EXACT);
        assertEquals(0.0, eu.burnRates().get("1h"), EXACT);
        assertEquals("never", eu.exhaustion().state());
        Figures us = availability.locations().get("us-east");
        assertEquals(0.98, us.sli(), EXACT);                 // 490 / 500
        assertEquals(5.0, us.allowedBad(), EXACT);           // 0.01 × 500
        assertEquals(-1.0, us.budgetRemaining(), EXACT);     // 1 − 10 / 5
        assertEquals(2.0, us.burnRates().get("1h"), EXACT);  // 0.02 / 0.01
        assertEquals("exhausted", us.exhaustion().state());
    }

    /** One day of a 1-minute journey in 3 locations, us-east down for 30 minutes; the worked example in README. */
    private void oneLocationDownForHalfAnHour() {
        counts.add("shop", Objective.AVAILABILITY, "eu-west", ago(Duration.ofHours(12)), 1440, 0)
                .add("shop", Objective.AVAILABILITY, "ap-south", ago(Duration.ofHours(12)), 1440, 0)
                .add("shop", Objective.AVAILABILITY, "us-east", ago(Duration.ofHours(12)), 1410, 30)
                // with alert.locations 2 no planned time had two bad locations: all 1440 planned times are good
                .timeslices("shop", Objective.AVAILABILITY, ago(Duration.ofHours(12)), 1440, 0);
    }

    @Test
    void occurrencesCountRuns() {
        oneLocationDownForHalfAnHour();
        ObjectiveReport availability = reports.report(SloJourneys.journey("shop", "availability: 99.5%"), NOW)
                .objective("availability");
        assertEquals("occurrences", availability.budgeting());
        assertEquals(4320, availability.budgeted().valid());          // 3 × 1440
        assertEquals(4290.0 / 4320, availability.budgeted().sli(), EXACT); // 99.31%
        assertEquals(21.6, availability.budgeted().allowedBad(), EXACT);   // 0.005 × 4320
    }

    @Test
    void timeslicesCountPlannedTimes() {
        oneLocationDownForHalfAnHour();
        ObjectiveReport availability = reports.report(SloJourneys.journey("shop",
                "availability: 99.5%\nbudgeting: timeslices"), NOW).objective("availability");
        assertEquals("timeslices", availability.budgeting());
        assertEquals(1440, availability.budgeted().valid());
        assertEquals(1.0, availability.budgeted().sli(), EXACT);
        assertEquals(0.0, availability.budgeted().burnRates().get("1d"), EXACT);
        assertEquals(1410.0 / 1440, availability.locations().get("us-east").sli(), EXACT,
                "locations always count occurrences");
    }

    @Test
    void anEmptyWindowIsUnknownNotPerfect() {
        SloReport report = reports.report(SloJourneys.journey("quiet", ""), NOW);
        ObjectiveReport availability = report.objective("availability");
        assertEquals(99.5, availability.target(), "the default target");
        assertEquals("28d", report.window().length(), "the default window");
        Figures f = availability.budgeted();
        assertEquals(0, f.valid());
        assertNull(f.sli());
        assertNull(f.budgetRemaining());
        assertEquals(0.0, f.allowedBad());
        assertRates(burnRates(null, null, null, null, null, null, null), f.burnRates());
        assertEquals(ExhaustionView.UNKNOWN, f.exhaustion());
        assertTrue(availability.burnAlerts().stream().noneMatch(a -> a.evaluated() || a.burning()));
        assertNull(report.processAvailability().workflow());
        assertEquals(List.of(new SloReport.StepAvailability("login", 0, 0, 0, null),
                new SloReport.StepAvailability("pay", 0, 0, 0, null)), report.processAvailability().steps());
    }

    @Test
    void belowMinRunsNoBurnAlertEvenAtAHugeBurnRate() {
        // 5 bad runs 2 minutes ago: burn rate 1 / 0.001 = 1000 in every span, but 5 < min_runs 20
        counts.add("rare", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(2)), 0, 5);
        ObjectiveReport availability = reports.report(SloJourneys.journey("rare",
                "availability: 99.9%\nmin_runs: 20"), NOW).objective("availability");
        for (BurnAlertCheck check : availability.burnAlerts()) {
            assertEquals(1000.0, check.longBurnRate(), EXACT);
            assertEquals(5, check.longWindowRuns());
            assertEquals(20, check.minRuns());
            assertFalse(check.evaluated(), check.rule());
            assertFalse(check.burning(), check.rule());
        }
    }

    @Test
    void theServerDefaultMinRunsIsTen() {
        counts.add("rare", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(2)), 0, 9);
        assertFalse(reports.report(SloJourneys.journey("rare", ""), NOW).objective("availability")
                .burnAlert("page-1h").burning(), "9 runs");
        counts.add("rare", Objective.AVAILABILITY, "eu-west", ago(Duration.ofMinutes(1)), 0, 1);
        assertTrue(reports.report(SloJourneys.journey("rare", ""), NOW).objective("availability")
                .burnAlert("page-1h").burning(), "10 runs");
    }

    @Test
    void processAvailabilitySetsEachStepBesideTheWorkflow() {
        Instant at = ago(Duration.ofDays(1));
        counts.add("shop", Objective.AVAILABILITY, "eu-west", at, 992, 8)
                .add("shop", new Objective.StepAvailability("login"), "eu-west", at, 1000, 0)
                // one run failed at login and skipped pay: 999 pay executions
                .add("shop", new Objective.StepAvailability("pay"), "eu-west", at, 996, 3);
        SloReport.ProcessAvailability process = reports.report(SloJourneys.journey("shop", ""), NOW)
                .processAvailability();
        assertEquals(0.992, process.workflow(), EXACT);
        assertEquals(new SloReport.StepAvailability("login", 1000, 1000, 0, 1.0), process.steps().get(0));
        assertEquals(new SloReport.StepAvailability("pay", 999, 996, 3, 996.0 / 999), process.steps().get(1));
    }

    @Test
    void aCalendarMonthInBerlinStartsAtLocalMidnightAndLasts745HoursInOctober() {
        Instant now = Instant.parse("2026-10-20T10:00:00Z");
        SloReport report = reports.report(SloJourneys.journey("monthly",
                "availability: 99%\ncalendar: month\nhours: Mon-Sun 00:00-23:59 Europe/Berlin"), now);
        // 1 October 00:00 CEST (UTC+2) to 1 November 00:00 CET (UTC+1): 31 days and the hour DST gave back
        assertEquals(new SloWindow("month", "Europe/Berlin", Instant.parse("2026-09-30T22:00:00Z"),
                Instant.parse("2026-10-31T23:00:00Z"), "745h", 745 * 3600L), report.window());
        assertEquals(List.of(Instant.parse("2026-09-30T22:00:00Z"), now), Arrays.asList(counts.queries.getFirst()),
                "the window is counted from its start up to now");
        ObjectiveReport availability = report.objective("availability");
        assertEquals(14.9, availability.burnAlert("page-1h").threshold());              // 2% × 745h / 1h
        assertEquals(0.05 * 745 / 6, availability.burnAlert("page-6h").threshold(), EXACT);   // 6.2083
        assertEquals(0.1 * 745 / 72, availability.burnAlert("ticket-3d").threshold(), EXACT); // 1.0347
    }

    @Test
    void aWindowShorterThanARulesLongWindowHasNoSuchRule() {
        ObjectiveReport availability = reports.report(SloJourneys.journey("daily",
                "availability: 99%\nwindow: 1d"), NOW).objective("availability");
        assertEquals(List.of("page-1h", "page-6h", "ticket-1d"),
                availability.burnAlerts().stream().map(BurnAlertCheck::rule).toList());
        // 2% × 24h / 1h, 5% × 24h / 6h, 10% × 24h / 24h
        assertEquals(List.of(0.48, 0.2, 0.1), availability.burnAlerts().stream().map(BurnAlertCheck::threshold).toList());
    }
}
