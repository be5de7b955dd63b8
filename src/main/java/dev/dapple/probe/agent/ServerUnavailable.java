package dev.dapple.probe.agent;

/** The server could not be reached or could not answer now (connection refused, timeout, 5xx): worth retrying. */
final class ServerUnavailable extends Exception {

    ServerUnavailable(String reason) {
        super(reason, null, false, false);
    }
}
