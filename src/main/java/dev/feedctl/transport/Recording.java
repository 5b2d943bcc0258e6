package dev.feedctl.transport;

import dev.feedctl.protocol.RecordedLine;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * A recorded session read back line by line, every connection of it, as fast as it is read. The line forms are
 * {@link RecordedLine}'s. {@link #clock()} is the recording's clock: the receive time of the last line read. Each
 * connection's frames are played through its own {@link RecordedConnection}.
 */
public final class Recording implements Closeable {

    /**
     * One line: a frame ({@link Inbound.Text}) or a close ({@link Inbound.Closed}) of {@code connection} ("" when
     * the recording does not say) on {@code shard} ("" likewise).
     */
    public record Line(String connection, String shard, Inbound in) {
    }

    private final BufferedReader in;
    private final ReplayClock clock = new ReplayClock();
    private final Map<String, Instant> opened = new HashMap<>();
    private Instant first;
    private long lines;
    private boolean showsConnections;

    public Recording(BufferedReader in) {
        this.in = in;
    }

    /** The recording's own clock: when the last line read was received. */
    public Clock clock() {
        return clock;
    }

    /** The next line, or null at the end of the recording. */
    public Line next() {
        String text;
        while ((text = readLine()) != null) {
            if (text.isBlank()) {
                continue;
            }
            lines++;
            return line(RecordedLine.parse(text.strip()));
        }
        return null;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording: " + e.getMessage(), e);
        }
    }

    private Line line(RecordedLine line) {
        showsConnections |= !line.raw();
        Instant when = line.receivedAt() != null ? line.receivedAt() : clock.now != null ? clock.now : Instant.EPOCH;
        clock.now = when;
        if (first == null) {
            first = when;
        }
        Instant since = opened.computeIfAbsent(line.connection(), c -> when);
        if (line.isClose()) {
            return new Line(line.connection(), line.shard(), new Inbound.Closed(new CloseInfo(line.closeCode(),
                    line.closeReason(), line.closedByServer(), Duration.between(since, when))));
        }
        return new Line(line.connection(), line.shard(), new Inbound.Text(line.frame(), when,
                Duration.between(since, when).toNanos(), 0)); // on the connection's own timeline, like a live one
    }

    /** Lines read so far (blank ones left out). */
    public long lines() {
        return lines;
    }

    /**
     * Whether any line was in a recorded-session form (receive time, connection, close): a file of bare frames says
     * nothing of the connection they came on.
     */
    public boolean showsConnections() {
        return showsConnections;
    }

    /** From the first line read to the last, on the recording's clock; zero when empty. */
    public Duration span() {
        return first == null ? Duration.ZERO : Duration.between(first, clock.instant());
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
