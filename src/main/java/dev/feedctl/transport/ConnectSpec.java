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
 * @param linger           while frames keep coming, how long the consumer naps when it finds none before it looks
 *                         again: the longest a frame waits in the hand-off, traded against wake-ups, which cost more
 *                         CPU than judging a frame (see {@link FrameHandoff})
 */
public record ConnectSpec(URI uri, Duration timeout, int maxMessageSize, Path caFile, boolean allowPlaintext,
                          long handoffBytes, Duration linger) {

    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    public static final long DEFAULT_HANDOFF_BYTES = 64L * 1024 * 1024;
    /** For a program reading {@code subscribe}'s NDJSON: a frame waits at most this long for the consumer. */
    public static final Duration DEFAULT_LINGER = Duration.ofNanos(200_000);
    /**
     * For output that reaches no program in a hurry ({@code tail}'s screen and CSV, {@code subscribe}'s text for a
     * person, {@code verify}, which times frames on the read thread): a millisecond is nothing to them, and it costs a quarter less CPU per frame
     * (measured per thread at 20,000 frames/s, CPU per 100,000 frames: tail 1.76-1.96 s against 2.48-2.75 s).
     */
    public static final Duration RELAXED_LINGER = Duration.ofMillis(1);

    public static ConnectSpec of(URI uri, Duration timeout) {
        return new ConnectSpec(uri, timeout, DEFAULT_MAX_MESSAGE_SIZE, null, false, DEFAULT_HANDOFF_BYTES,
                DEFAULT_LINGER);
    }

    public ConnectSpec withLinger(Duration d) {
        return new ConnectSpec(uri, timeout, maxMessageSize, caFile, allowPlaintext, handoffBytes, d);
    }
}
