package dev.dapple.probe;

import dev.dapple.journey.Journey;
import dev.dapple.result.RunResult;

/** Runs one journey once, blocking; {@code JourneyRunner::run} in production, a fake in the scheduler's tests. */
@FunctionalInterface
public interface RunExecutor {

    RunResult run(Journey journey, RunPlan plan);
}
