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
    /**
     * Small on purpose: frames waiting in the hand-off are alive at every young collection, and at full rate it is
     * always full. At 64 MiB they overflowed the survivor spaces into the old generation, and old-generation
     * collections followed (simulator flat out, 15 s: 18-21 full collections, 1.8 s of pauses). At 2 MiB (about 1 MB
     * of ASCII frames) they die young: no full collection, 0.16-0.19 s of pauses, 10-15 % more frames/s once warm. The
     * frames the reader has not taken wait in the kernel's socket buffer (Linux grows it to tcp_rmem's maximum), then
     * TCP slows the server down; the reader's waits are counted as before.
     */
    public static final long DEFAULT_HANDOFF_BYTES = 2L * 1024 * 1024;
    /**
     * For a program reading {@code subscribe}'s NDJSON: a frame waits at most this long for the consumer. On two
     * cores every wake-up competes with the feed itself (per-thread profile at 20,000 frames/s with 200 us: 40 % of
     * the consumer's CPU went on napping and waking the stdout writer, 24 us and 14 us each). 500 us against 200 us,
     * two interleaved runs each of {@code scripts/bench}: CPU per 100,000 frames 2.10-2.20 s against 2.58-2.64 s;
     * added latency at 10,000 frames/s p50 0.44-0.54 ms against 0.32-0.33 ms, p99 1.57-1.85 ms against 2.13-3.60 ms
     * (less CPU, less queueing behind the other processes).
     */
    public static final Duration DEFAULT_LINGER = Duration.ofNanos(500_000);
    /**
     * For output that reaches no program in a hurry ({@code tail}'s screen and CSV, {@code subscribe}'s text for a
     * person, {@code verify}, which times frames on the read thread): a millisecond is nothing to them, and it costs a
     * quarter less CPU per frame (measured per thread at 20,000 frames/s, CPU per 100,000 frames: tail 1.76-1.96 s against 2.48-2.75 s).
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
