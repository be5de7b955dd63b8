package dev.dapple.journey;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** The value on the right of an assertion, typed at load time. */
public sealed interface Expected {

    /** For {@code exists} and {@code !exists}. */
    record None() implements Expected {
    }

    record Numeric(BigDecimal value) implements Expected {
    }

    record DurationValue(java.time.Duration value) implements Expected {
    }

    record Text(String value) implements Expected {
    }

    record Bool(boolean value) implements Expected {
    }

    record Null() implements Expected {
    }

    /** For {@code in}. */
    record Values(List<Expected> values) implements Expected {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** For {@code matches}: compiled at load time; a match anywhere in the subject passes ({@code find}). */
    record Regex(Pattern pattern) implements Expected {
    }
}
