package dev.feedctl.report;

import dev.feedctl.auth.Redactor;
import dev.feedctl.protocol.Json;
import dev.feedctl.transport.CloseInfo;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tail --record FILE}: every raw frame as one NDJSON line, {@code {"received_at":…,"connection":N,"shard":S,
 * "frame":"<text as received>"}}, with the receive time to the nanosecond, and each connection's end as a
 * {@code closed} line (the format {@code verify --replay} reads). Written through the run's redactor, flushed whenever
 * the feed is drained and on every exit path, so an interrupted run keeps every frame it received.
 */
public final class FrameRecorder implements Closeable {

    /** Nine fraction digits always: the receive order of two frames in one microsecond stays visible. */
    public static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'")
            .withZone(ZoneOffset.UTC);

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
        Map<String, Object> m = line(receivedAt, connection, shard);
        m.put("frame", raw);
        write(Json.COMPACT.toJson(m));
    }

    private static Map<String, Object> line(Instant at, long connection, int shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_at", NANOS.format(at));
        m.put("connection", connection);
        m.put("shard", shard);
        return m;
    }

    public synchronized void closed(Instant at, long connection, int shard, CloseInfo c) {
        Map<String, Object> close = new LinkedHashMap<>();
        close.put("code", c.code());
        close.put("reason", c.reason());
        close.put("by", c.side());
        Map<String, Object> m = line(at, connection, shard);
        m.put("closed", close);
        write(Json.COMPACT.toJson(m));
    }

    private void write(String line) {
        if (failure != null || closed) {
            return; // after close: the run is over, a late close line from a shard being stopped has no place
        }
        try {
            out.write(redactor.scrub(dev.feedctl.protocol.Untrusted.json(line)));
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
