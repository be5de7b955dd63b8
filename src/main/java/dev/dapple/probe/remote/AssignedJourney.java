package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One journey as published: its YAML source ({@code definition}), which the probe parses itself, and the content hash
 * that tells it whether anything changed. {@code file} is the journey file's path, for messages.
 */
@Serdeable
public record AssignedJourney(String name, String contentHash, String file, String definition) {
}
