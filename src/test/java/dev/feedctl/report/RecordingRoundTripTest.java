package dev.feedctl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.auth.Redactor;
import dev.feedctl.protocol.RecordedLine;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.Inbound;
import dev.feedctl.transport.Recording;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recording format has one home (RecordedLine): what tail --record and subscribe --annotate write, replay reads. */
class RecordingRoundTripTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @TempDir
    Path dir;

    @Test
    void whatTailRecordsReplayReadsBackFrameForFrameWithTimesConnectionsAndTheClose() throws Exception {
        Path file = dir.resolve("tail.ndjson");
        String json = "{\"channel\":\"ticker\",\"note\":\"a\\nb \u2028 \u00e9\"}";
        try (FrameRecorder recorder = new FrameRecorder(file, new Redactor())) {
            recorder.frame(T0, 7, 2, json);
            recorder.frame(T0.plusNanos(1), 7, 2, "not json, kept as text");
            recorder.closed(T0.plusSeconds(2), 7, 2, new CloseInfo(1001, "going away", true, Duration.ofSeconds(2)));
        }
        try (Recording recording = new Recording(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            Recording.Line first = recording.next();
            assertEquals("7", first.connection());
            assertEquals("2", first.shard());
            Inbound.Text text = (Inbound.Text) first.in();
            assertEquals(json, text.text());
            assertEquals(T0, text.receivedAt());
            Inbound.Text second = (Inbound.Text) recording.next().in();
            assertEquals("not json, kept as text", second.text());
            assertEquals(T0.plusNanos(1), second.receivedAt(), "the nanosecond order survives");
            Recording.Line end = recording.next();
            CloseInfo close = ((Inbound.Closed) end.in()).close();
            assertEquals(1001, close.code());
            assertEquals("going away", close.reason());
            assertTrue(close.byServer());
            assertEquals(Duration.ofSeconds(2), close.sinceConnect());
            assertNull(recording.next());
            assertTrue(recording.showsConnections());
        }
    }

    @Test
    void subscribeAnnotatesCloseReadsBackAsTheClientsClose() {
        Instant at = Instant.parse("2026-01-02T03:04:05.5Z");
        RecordedLine line = RecordedLine.parse(RecordedLine.closeLine(at, 1000, "", "client"));
        assertTrue(line.isClose());
        assertEquals(at, line.receivedAt());
        assertEquals(1000, line.closeCode());
        assertEquals("", line.closeReason());
        assertFalse(line.closedByServer());
        assertFalse(line.raw());
        Recording recording = new Recording(new BufferedReader(new StringReader(
                RecordedLine.closeLine(at, 4000, "bye \"now\"", "server"))));
        CloseInfo close = ((Inbound.Closed) recording.next().in()).close();
        assertEquals("bye \"now\"", close.reason());
        assertTrue(close.byServer());
    }
}
