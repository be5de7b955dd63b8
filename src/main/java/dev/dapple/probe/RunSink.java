package dev.dapple.probe;

import dev.dapple.result.RunResult;

/**
 * Where a probe's results go: ingest for the embedded probe, the HTTP push for a remote agent. The one part of the
 * probe that differs between the two.
 */
@FunctionalInterface
public interface RunSink {

    void accept(RunResult result);
}
