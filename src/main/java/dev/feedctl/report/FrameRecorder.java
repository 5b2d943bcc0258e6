package dev.feedctl.report;

import dev.feedctl.auth.Redactor;
import dev.feedctl.protocol.RecordedLine;
import dev.feedctl.transport.CloseInfo;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code tail --record FILE}: every raw frame as one line and each connection's end as a {@code closed} line, in
 * {@link RecordedLine}'s format (the one {@code verify --replay} reads). Written through the run's redactor, flushed whenever
 * the feed is drained and on every exit path, so an interrupted run keeps every frame it received.
 */
public final class FrameRecorder implements Closeable {

    private final BufferedWriter out;
    private final Redactor redactor;
    private long lines;
    private IOException failure;
    private boolean closed;

    public FrameRecorder(Path file, Redactor redactor) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.redactor = redactor;
    }

    public synchronized void frame(Instant receivedAt, long connection, int shard, String raw) {
        write(RecordedLine.frameLine(receivedAt, connection, shard, raw));
    }

    public synchronized void closed(Instant at, long connection, int shard, CloseInfo c) {
        write(RecordedLine.closeLine(at, connection, shard, c.code(), c.reason(), c.side()));
    }

    private void write(String line) {
        if (failure != null || closed) {
            return; // after close: the run is over, a late close line from a shard being stopped has no place
        }
        try {
            out.write(redactor.scrub(dev.feedctl.protocol.NetworkText.json(line)));
            out.write('\n');
            lines++;
        } catch (IOException e) {
            failure = e;
        }
    }

    public synchronized void flush() {
        if (failure != null || closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    public synchronized long lines() {
        return lines;
    }

    /** The first write error (a full disk), or null. */
    public synchronized IOException failure() {
        return failure;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

}
