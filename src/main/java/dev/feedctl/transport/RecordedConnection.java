package dev.feedctl.transport;

import java.time.Duration;

/**
 * One connection of a {@link Recording}, as a {@link FrameSource} its own {@link FeedSession} reads: the replay
 * hands it each of the connection's frames in turn ({@link #hand}), and the session takes it at once.
 */
public final class RecordedConnection implements FrameSource {

    private Inbound next;
    private long largest;

    /** The frame the session reads next. */
    public void hand(Inbound.Text frame) {
        next = frame;
        largest = Math.max(largest, frame.text().length());
    }

    @Override
    public Inbound poll(Duration timeout) {
        Inbound out = next;
        next = null;
        return out;
    }

    @Override
    public boolean send(String text) {
        return true; // the recording already holds the server's answers
    }

    @Override
    public long stalledNanos() {
        return 0; // nothing waited: the frames are read from a file
    }

    @Override
    public long stalls() {
        return 0;
    }

    @Override
    public Sizes sizes() {
        return new Sizes(largest, Integer.MAX_VALUE); // a recording was read without a limit
    }

    @Override
    public void close() {
        // the recording is closed by its reader
    }
}
