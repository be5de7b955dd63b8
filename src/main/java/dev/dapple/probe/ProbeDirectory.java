package dev.dapple.probe;

import java.util.List;

/** Every probe the server knows of, silent ones included, sorted by location then probe. */
public interface ProbeDirectory {

    List<ProbeStatus> probes();
}
