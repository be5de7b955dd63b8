package dev.dapple.probe.http;

/**
 * Performs one timed HTTP exchange for a journey step. Blocking: callers run it on a virtual thread. Never throws
 * for anything the target does; every network outcome is an {@link ExchangeResult}.
 */
public interface HttpExchanger {
    ExchangeResult exchange(ExchangeRequest request);
}
