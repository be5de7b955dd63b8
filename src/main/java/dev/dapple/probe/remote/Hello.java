package dev.dapple.probe.remote;

import io.micronaut.serde.annotation.Serdeable;

/** A probe introducing itself: its name (unique within its location), version and how many runs it holds at once. */
@Serdeable
public record Hello(String probe, String version, int capacity) {
}
