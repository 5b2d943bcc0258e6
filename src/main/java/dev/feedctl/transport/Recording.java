package dev.feedctl.transport;

import dev.feedctl.protocol.RecordedLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A recorded session played back as a {@link FrameSource}, as fast as it is read. The line forms are
 * {@link RecordedLine}'s. {@link #clock()} is the recording's clock: the receive time of the last frame handed out.
 * Only the first connection of a recording is played ({@code connection} changes mark later ones);
 * {@link #laterConnections} counts the rest.
 */
public final class Recording implements FrameSource {

    private final BufferedReader in;
    private final ReplayClock clock = new ReplayClock();
    private Inbound next;
    private boolean ended;
    private Instant first;
    private String connection;
    private long lines;
    private long largest;
    private long laterConnections;

    public Recording(BufferedReader in) {
        this.in = in;
        this.next = read();
        if (next instanceof Inbound.Text t) {
            clock.now = t.receivedAt();
        }
    }

    /** The recording's own clock: when the last frame handed out was received. */
    public Clock clock() {
        return clock;
    }

    /** True once every frame (and the close, if recorded) has been handed out. */
    public boolean exhausted() {
        return next == null;
    }

    public long lines() {
        return lines;
    }

    public long laterConnections() {
        return laterConnections;
    }

    @Override
    public Inbound poll(Duration timeout) {
        Inbound out = next;
        if (out == null) {
            return null;
        }
        if (out instanceof Inbound.Text t) {
            clock.now = t.receivedAt();
        }
        next = out instanceof Inbound.Closed ? null : read();
        return out;
    }

    private Inbound read() {
        while (!ended) {
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recording: " + e.getMessage(), e);
            }
            if (line == null) {
                ended = true;
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            lines++;
            Inbound in = parse(line.strip());
            if (in != null) {
                return in;
            }
        }
        return null;
    }

    /** One line as a frame or a close; null for a line of a later connection. */
    private Inbound parse(String text) {
        RecordedLine line = RecordedLine.parse(text);
        if (connection == null) {
            connection = line.connection();
        } else if (!connection.equals(line.connection())) {
            laterConnections++;
            return null;
        }
        if (line.isClose()) {
            Instant when = line.receivedAt() != null ? line.receivedAt() : clock.now;
            Duration since = first == null || when == null ? Duration.ZERO : Duration.between(first, when);
            return new Inbound.Closed(new CloseInfo(line.closeCode(), line.closeReason(), line.closedByServer(),
                    since));
        }
        Instant when = line.receivedAt() != null ? line.receivedAt() : clock.now != null ? clock.now : Instant.EPOCH;
        if (first == null) {
            first = when;
        }
        largest = Math.max(largest, line.frame().length());
        return new Inbound.Text(line.frame(), when, Duration.between(first, when).toNanos(), 0);
    }

    @Override
    public boolean send(String text) {
        return true; // the recording already holds the server's answers
    }

    @Override
    public long stalledNanos() {
        return 0;
    }

    @Override
    public long stalls() {
        return 0;
    }


    @Override
    public long largestFrame() {
        return largest;
    }

    @Override
    public int maxMessageSize() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to read either way
        }
    }

    /** A clock that stands where the replay is. */
    private static final class ReplayClock extends Clock {
        volatile Instant now;

        @Override
        public Instant instant() {
            return now == null ? Instant.EPOCH : now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
