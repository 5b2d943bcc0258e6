package dev.feedctl.transport;

import java.io.Closeable;
import java.time.Duration;

/** Where a {@link FeedSession}'s frames come from: a live {@link Connection}, or a {@link Recording} replayed. */
public interface FrameSource extends Closeable {

    /** The next frame or the end of the connection, waiting at most {@code timeout}; null when nothing came. */
    Inbound poll(Duration timeout) throws InterruptedException;

    /** Sends, or returns false when the peer is gone. A recording takes and forgets. */
    boolean send(String text);

    /** How long the reader has waited for the consumer, in total: feedctl's own share of any silence. */
    long stalledNanos();

    /** How many times the reader had to wait. */
    long stalls();

    /** Whether the reader is waiting for the consumer now, so frames are held back before feedctl (a recording: no). */
    default boolean readerWaiting() {
        return false;
    }

    /**
     * Sends the close frame; what was already read is still delivered, then the end of the connection. A recording
     * has no one to tell.
     */
    default void beginClose() {
    }

    /** The largest message read so far and the limit it was read under: a close for a message too big names both. */
    Sizes sizes();

    /** @param maxMessageSize the largest message accepted, in bytes */
    record Sizes(long largestFrame, int maxMessageSize) {
    }

    @Override
    void close();
}
