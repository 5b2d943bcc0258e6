package dev.feedctl.live;

import java.time.Instant;

/**
 * What one shard (one connection and the products it carries) is doing, as facts: the view words them, and works
 * out at draw time how long a reconnecting shard still waits.
 */
public sealed interface ShardState {

    ShardState CONNECTING = new Connecting();
    ShardState CONNECTED = new Connected();

    /** The first connection is being opened. */
    record Connecting() implements ShardState {
    }

    /** Every channel acknowledged: live. */
    record Connected() implements ShardState {
    }

    /** The connection is known dead; the engine has not said when it tries again (or it gave up). */
    record Down(String cause) implements ShardState {
    }

    /** Attempt {@code attempt} of this outage begins at {@code at} (the session's clock). */
    record Reconnecting(Instant at, int attempt, String lastCause) implements ShardState {
    }

    /** Connected, or still on the first try: going down from here begins an outage. */
    default boolean up() {
        return this instanceof Connected || this instanceof Connecting;
    }
}
