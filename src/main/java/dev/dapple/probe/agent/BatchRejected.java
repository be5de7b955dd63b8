package dev.dapple.probe.agent;

/** The server refused a batch of results for what it holds (a 4xx other than 401): sending it again cannot help. */
final class BatchRejected extends Exception {

    BatchRejected(String reason) {
        super(reason, null, false, false);
    }
}
