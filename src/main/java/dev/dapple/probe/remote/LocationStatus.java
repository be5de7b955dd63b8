package dev.dapple.probe.remote;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One location as {@code /api/probes} and the probes page show it.
 *
 * @param state           {@code up} (a probe with a fresh heartbeat), {@code silent} (journeys to run but no live
 *                        probe: a probe problem, not a journey failure) or {@code idle} (no live probe, nothing to run)
 * @param probes          probes known in it, silent ones included
 * @param live            probes with a fresh heartbeat
 * @param journeys        published journeys that run in it
 * @param latenessP99Us   schedule lateness p99 over the last hour, in microseconds; null without rolled-up runs
 */
@Serdeable
public record LocationStatus(String location, String state, int probes, int live, int journeys,
                             @Nullable Long latenessP99Us) {

    public static final String UP = "up";
    public static final String SILENT = "silent";
    public static final String IDLE = "idle";

    public boolean silent() {
        return SILENT.equals(state);
    }
}
