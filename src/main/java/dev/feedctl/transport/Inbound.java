package dev.feedctl.transport;

import java.time.Instant;

/** What the read thread hands over: a text frame with its receive time, or the end of the connection. */
public sealed interface Inbound {

    /**
     * @param stalledNanos how long the read thread had waited for room in the hand-off, in total, when this frame
     *                     arrived: the difference between two frames is feedctl's own share of the gap between them
     */
    record Text(String text, Instant receivedAt, long receivedNanos, long stalledNanos) implements Inbound {

        /** The receive time on the feed's clock: wall time minus every stall of feedctl's own reader before it. */
        public Instant feedTime() {
            return receivedAt.minusNanos(stalledNanos);
        }
    }

    /** A binary frame, of which only the size is kept: Advanced Trade never sends one. */
    record Binary(int bytes, Instant receivedAt, long receivedNanos, long stalledNanos) implements Inbound {
    }

    record Closed(CloseInfo close) implements Inbound, FeedSession.Arrival {
    }
}
