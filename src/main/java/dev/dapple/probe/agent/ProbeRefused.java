package dev.dapple.probe.agent;

/**
 * The server answered and will not serve this probe: it refused the token, is not a Dapple server, binds the token
 * to another location, or finds the probe's settings wrong. Retrying cannot help, so the agent stops; the message
 * says what to do.
 */
public final class ProbeRefused extends Exception {

    private final boolean badSettings;

    ProbeRefused(String message) {
        this(message, false);
    }

    /** @param badSettings the server found the probe's own settings wrong (like its name): the usage exit fits */
    ProbeRefused(String message, boolean badSettings) {
        super(message);
        this.badSettings = badSettings;
    }

    public boolean badSettings() {
        return badSettings;
    }
}
