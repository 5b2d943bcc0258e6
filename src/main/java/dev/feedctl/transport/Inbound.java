package dev.feedctl.transport;

import java.time.Instant;

/** What the read thread hands over: a text frame with its receive time, or the end of the connection. */
public sealed interface Inbound {

    record Text(String text, Instant receivedAt, long receivedNanos) implements Inbound {
    }

    record Closed(CloseInfo close) implements Inbound {
    }
}
