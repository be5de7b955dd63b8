package dev.dapple.result;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A run's id is a name-based UUID of (journey, location, planned time): every probe and server derives the same id
 * for the same planned run, so a replayed or duplicated result is recognised anywhere.
 */
public final class RunIds {

    private RunIds() {
    }

    public static UUID of(String journey, String location, Instant plannedAt) {
        // Names cannot contain a newline, so the joined form is unambiguous.
        String name = journey + "\n" + location + "\n" + plannedAt.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
