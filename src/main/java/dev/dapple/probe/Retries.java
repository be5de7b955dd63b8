package dev.dapple.probe;

import dev.dapple.result.ErrorKind;

/** Which failures a step's {@code retries} cover: the network's, never a response the target chose to send. */
final class Retries {

    private Retries() {
    }

    static boolean retryable(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT, CONNECTION_REFUSED, DNS, NETWORK -> true;
            default -> false;
        };
    }
}
