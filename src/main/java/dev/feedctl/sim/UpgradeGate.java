package dev.feedctl.sim;

/**
 * Decides, per WebSocket upgrade, whether the exchange lets the client in or refuses it with an HTTP status (as
 * Coinbase answers 429 to a client that reconnects too often). Armed and disarmed while the simulator runs.
 */
@FunctionalInterface
public interface UpgradeGate {

    /** A refusal: the status line's code and the {@code Retry-After} seconds (0 for none). */
    record Refusal(int status, int retryAfterSeconds) {
    }

    /** Null lets {@code attempt} in; a refusal answers it instead of 101. */
    Refusal decide(ObservedConnection attempt);
}
