package dev.dapple.probe;

/** An {@code env.*} or {@code secret.*} value the probe does not have: the run is ERROR with kind config. */
final class MissingValueException extends RuntimeException {

    MissingValueException(String reference) {
        super(reference + " is not set on this probe");
    }
}
