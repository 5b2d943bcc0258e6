package dev.feedctl.transport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open one socket.
 *
 * @param maxMessageSize   largest frame accepted, in bytes (Coinbase level2 snapshots run to many MiB)
 * @param queueCapacity    frames the read thread may queue before it drops and counts
 */
public record ConnectSpec(URI uri, Duration timeout, int maxMessageSize, Path caFile, boolean allowPlaintext,
                          int queueCapacity) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    public static final int DEFAULT_QUEUE_CAPACITY = 200_000;

    public static ConnectSpec of(URI uri, Duration timeout) {
        return new ConnectSpec(uri, timeout, DEFAULT_MAX_MESSAGE_SIZE, null, false, DEFAULT_QUEUE_CAPACITY);
    }
}
