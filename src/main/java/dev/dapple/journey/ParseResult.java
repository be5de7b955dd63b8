package dev.dapple.journey;

import java.util.List;

/** What parsing one journey file gives: the journey, or every error found in it. */
public sealed interface ParseResult {

    /** @param nameLine 1-based line of the {@code name} value, for errors found later (duplicate names) */
    record Parsed(Journey journey, int nameLine, int nameColumn) implements ParseResult {
    }

    record Invalid(List<JourneyError> errors) implements ParseResult {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
