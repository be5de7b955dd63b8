package dev.dapple.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk --latency} on one connection and one thread against the delay target: the same sequential, reused
 * connection load as the probe's reuse figure, timed by a C client, for comparison.
 */
final class Wrk {

    /** wrk's percentiles, in microseconds. */
    record Latency(long p50Micros, long p99Micros, long requests) {
    }

    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("^\\s*(\\d+) requests in");

    private Wrk() {
    }

    /** Empty when wrk is not installed. */
    static Optional<Latency> run(URI url, Duration duration) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("wrk", "--latency", "-t1", "-c1", "-d" + duration.toSeconds() + "s",
                    url.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty(); // not on the PATH
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        long p50 = -1;
        long p99 = -1;
        long requests = -1;
        for (String line : output.split("\n")) {
            Matcher m = PERCENTILE.matcher(line);
            if (m.matches()) {
                long micros = micros(Double.parseDouble(m.group(2)), m.group(3));
                if (m.group(1).equals("50")) {
                    p50 = micros;
                } else {
                    p99 = micros;
                }
            }
            Matcher r = REQUESTS.matcher(line);
            if (r.find()) {
                requests = Long.parseLong(r.group(1));
            }
        }
        if (p50 < 0 || p99 < 0) {
            throw new IllegalStateException("no latency distribution in wrk's output:\n" + output);
        }
        return Optional.of(new Latency(p50, p99, requests));
    }

    private static long micros(double value, String unit) {
        return Math.round(switch (unit) {
            case "us" -> value;
            case "ms" -> value * 1_000;
            default -> value * 1_000_000;
        });
    }
}
