package dev.dapple.probe.agent;

/**
 * The server answered and will not serve this probe: it refused the token, is not a Dapple server, or binds the
 * token to another location. Retrying cannot help, so the agent stops; the message says what to do.
 */
public final class ProbeRefused extends Exception {

    ProbeRefused(String message) {
        super(message);
    }
}
