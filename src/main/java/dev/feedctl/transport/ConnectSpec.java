package dev.feedctl.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open one socket.
 *
 * @param maxMessageSize   largest frame accepted, in bytes (Coinbase level2 snapshots run to many MiB)
 * @param handoffBytes     bytes of received frames the read thread may hand over before it waits for the consumer
 *                         (it never drops: the socket is simply not read, and TCP slows the server down)
 */
public record ConnectSpec(URI uri, Duration timeout, int maxMessageSize, Path caFile, boolean allowPlaintext,
                          long handoffBytes) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    public static final long DEFAULT_HANDOFF_BYTES = 64L * 1024 * 1024;

    public static ConnectSpec of(URI uri, Duration timeout) {
        return new ConnectSpec(uri, timeout, DEFAULT_MAX_MESSAGE_SIZE, null, false, DEFAULT_HANDOFF_BYTES);
    }
}
