package dev.dapple.probe;

import java.time.Duration;

/** Durations in the journey files' own notation, for messages. */
final class Durations {

    private Durations() {
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
