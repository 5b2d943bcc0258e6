package dev.feedctl.sim;

import java.time.Duration;

/** A misbehaviour of the simulated exchange, expressed as data. Several combine into a {@link Faults}. */
public sealed interface Fault {

    /** Every {@code every}-th data frame is not sent, though its sequence number is used up. */
    record DropFrames(int every) implements Fault {
    }

    /** Every {@code every}-th data frame skips {@code skip} sequence numbers. */
    record SequenceGaps(int every, int skip) implements Fault {
    }

    /** Data stops after {@code after}; heartbeats continue. */
    record StallData(Duration after) implements Fault {
    }

    /** Everything stops after {@code after}; the socket stays open. */
    record StallAll(Duration after) implements Fault {
    }

    /** Every {@code every}-th data frame is malformed: bad JSON, a missing field or a wrong type, in turn. */
    record MalformedFrames(int every) implements Fault {
    }

    /** The server closes with a close frame {@code after} the connection opened. */
    record Close(Duration after, int code, String reason) implements Fault {
    }

    /** The TCP connection is dropped without a close frame; the client sees 1006. */
    record AbruptDrop(Duration after) implements Fault {
    }

    /** The WebSocket upgrade is answered with this HTTP status instead of 101. */
    record RefuseUpgrade(int status) implements Fault {
    }

    /** The level2 snapshot is padded to at least {@code bytes}. */
    record BigSnapshot(int bytes) implements Fault {
    }

    /** Each subscriptions ack is sent {@code delay} late. */
    record SlowAck(Duration delay) implements Fault {
    }

    /** Subscribes are never acknowledged (and no data flows). */
    record NoAck() implements Fault {
    }

    /** The server speaks the legacy Exchange protocol: a {@code channels} array in, legacy frames out. */
    record LegacyExchange() implements Fault {
    }

    /** REST answers every {@code every}-th request with 429, Retry-After and the documented error body. */
    record RestRateLimited(int every, int retryAfterSeconds) implements Fault {
    }

    /** REST prices are off from the socket's by {@code bps} basis points. */
    record RestPriceOffset(int bps) implements Fault {
    }

    /** REST answers every {@code every}-th request with {@code status}. */
    record RestServerError(int every, int status) implements Fault {
    }

    /**
     * The socket stops sending {@code product} after {@code after} while the market (and REST) trade on.
     * A null product means the first product the client subscribed to.
     */
    record StaleProduct(String product, Duration after) implements Fault {
    }

    /**
     * The market stops trading {@code product} after {@code after}: socket and REST both go quiet, as a quiet
     * market does. A null product means the first product that traded.
     */
    record QuietProduct(String product, Duration after) implements Fault {
    }

    /** The exchange's clock runs {@code offset} ahead of this machine's (negative: behind). */
    record ClockSkew(Duration offset) implements Fault {
    }

    /**
     * Every {@code every}-th trade a connection would get on market_trades never reaches it, while its frames stay
     * numbered without a gap: a loss upstream of the socket server, which sequence numbers cannot show.
     */
    record DropTrades(int every) implements Fault {
    }

    /**
     * The first level2 update of the first booked product made {@code after} the market opened is lost upstream (no
     * connection gets it, no sequence number is used); that book then rests, so sockets keep the old levels while
     * REST serves the new ones.
     */
    record BookDrift(Duration after) implements Fault {
    }
}
