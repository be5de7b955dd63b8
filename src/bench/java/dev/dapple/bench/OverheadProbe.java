package dev.dapple.bench;

import dev.dapple.journey.Journey;
import dev.dapple.journey.JourneyParser;
import dev.dapple.journey.ParseResult;
import dev.dapple.probe.JourneyRunner;
import dev.dapple.probe.RunPlan;
import dev.dapple.probe.http.ExchangeRequest;
import dev.dapple.probe.http.ExchangeResult;
import dev.dapple.probe.http.HttpExchanger;
import dev.dapple.result.RunResult;
import dev.dapple.result.StepResult;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Part (a) of the probe benchmark, in its own JVM so the collector under test can be chosen: sequential exchanges
 * against a {@link DelayTarget} through the real engine, once with a new connection per exchange (a one-step journey
 * through {@link JourneyRunner}, the default) and once with a reused connection ({@link HttpExchanger} with
 * {@code reuseConnection}, which journeys cannot ask for yet). For each it prints
 * {@code RESULT <name> <count> <p50 µs> <p99 µs> <max µs>} lines: the overhead (duration − delay) as recorded in the
 * step, as timed around the call by the caller, and the target's own hold time − delay.
 *
 * <p>Usage: {@code OverheadProbe <target base URL> <delay ms> <warm-up exchanges> <measured exchanges>}.
 */
public final class OverheadProbe {

    private final URI target;
    private final long delayMicros;
    private final int warmUp;
    private final int samples;
    private final HttpExchanger exchanger;

    private OverheadProbe(URI target, long delayMicros, int warmUp, int samples, HttpExchanger exchanger) {
        this.target = target;
        this.delayMicros = delayMicros;
        this.warmUp = warmUp;
        this.samples = samples;
        this.exchanger = exchanger;
    }

    public static void main(String[] args) throws Exception {
        URI target = URI.create(args[0]);
        long delayMicros = Long.parseLong(args[1]) * 1_000;
        Path data = Files.createTempDirectory("dapple-bench-overhead");
        // The whole application context, as the server builds it, minus the embedded probe and the demo shop.
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of(
                "dapple.data-dir", data.toString(),
                "dapple.journeys.dir", data.resolve("journeys").toString(),
                "dapple.probe.embedded", "false",
                "dapple.demo.enabled", "false")).start()) {
            var bench = new OverheadProbe(target, delayMicros, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    context.getBean(HttpExchanger.class));
            bench.fresh(context.getBean(JourneyRunner.class));
            bench.reused();
        }
        System.exit(0); // the context's non-daemon threads must not hold the bench up
    }

    private void fresh(JourneyRunner runner) {
        Journey journey = journey(target.resolve("/fresh"));
        RunPlan plan = new RunPlan("bench", "bench", Instant.EPOCH, Map.of());
        measure("fresh", () -> {
            RunResult run = runner.run(journey, plan);
            StepResult step = run.steps().getFirst();
            if (step.durationUs() == null || step.httpStatus() == null || step.httpStatus() != 200) {
                throw new IllegalStateException("the fresh-connection step failed: " + step);
            }
            return step.durationUs();
        });
    }

    private void reused() {
        ExchangeRequest request = ExchangeRequest.of("GET", target.resolve("/reused")).withReuseConnection(true);
        measure("reuse", () -> switch (exchanger.exchange(request)) {
            case ExchangeResult.Response r when r.status() == 200 -> r.timings().totalMicros();
            case ExchangeResult result -> throw new IllegalStateException("the reused-connection exchange failed: " + result);
        });
    }

    /** Runs the exchange warm-up + samples times; {@code recorded} returns the duration the engine recorded (µs). */
    private void measure(String name, LongSupplier recorded) {
        // Warm-up 16 at a time: the JIT needs thousands of exchanges before it stops compiling (C2 took a third
        // of the CPU after 300), and sequential ones would take 20 ms each.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                threads.submit(() -> {
                    for (int i = 0; i < warmUp / 16; i++) {
                        recorded.getAsLong();
                    }
                });
            }
        }
        targetStats(); // resets the target's hold times, so they cover the measured exchanges only
        var step = new Histogram(3);
        var caller = new Histogram(3);
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            long micros = recorded.getAsLong();
            long around = (System.nanoTime() - start) / 1_000;
            step.recordValue(Math.max(0, micros - delayMicros));
            caller.recordValue(Math.max(0, around - delayMicros));
        }
        String[] held = targetStats().split(" ");
        print(name + "-recorded", step);
        print(name + "-caller", caller);
        System.out.printf("RESULT %s-target %s %d %d -1%n", name, held[0],
                Long.parseLong(held[1]) - delayMicros, Long.parseLong(held[2]) - delayMicros);
    }

    private String targetStats() {
        ExchangeResult result = exchanger.exchange(ExchangeRequest.of("GET", target.resolve("/stats")));
        if (!(result instanceof ExchangeResult.Response r)) {
            throw new IllegalStateException("the target's /stats failed: " + result);
        }
        return new String(r.body(), StandardCharsets.US_ASCII).trim();
    }

    private static void print(String name, Histogram h) {
        System.out.printf("RESULT %s %d %d %d %d%n", name, h.getTotalCount(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(99), h.getMaxValue());
    }

    private static Journey journey(URI url) {
        String yaml = """
                name: bench-overhead
                interval: 10s
                timeout: 5s
                steps:
                  - name: one
                    get: %s
                    expect: [status == 200]
                """.formatted(url);
        ParseResult parsed = JourneyParser.parse("bench-overhead.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                Path.of("bench-overhead.yaml"));
        if (!(parsed instanceof ParseResult.Parsed p)) {
            throw new IllegalStateException("the bench journey does not parse: " + parsed);
        }
        return p.journey();
    }
}
