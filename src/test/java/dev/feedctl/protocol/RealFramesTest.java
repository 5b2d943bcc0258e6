package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Frames other people received from the live Advanced Trade feed (and Coinbase's doc examples), copied with their
 * provenance into testdata/realframes (see its SOURCES.md): the ground truth the model must accept. Every genuine
 * data frame is valid, every error frame is explained, every legacy frame is recognised as legacy.
 */
class RealFramesTest {

    private static final Path REAL = Path.of(System.getProperty("feedctl.testdata", "testdata"), "realframes");
    private final FrameDecoder decoder = new FrameDecoder();

    private static List<String> framesOf(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!file.toString().endsWith(".ndjson")) {
                return List.of(text);
            }
            return text.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Arguments> frames(Path dir, String prefix) throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && (p.toString().endsWith(".json") || p.toString().endsWith(".ndjson"))).sorted().toList()) {
                List<String> fs = framesOf(f);
                for (int i = 0; i < fs.size(); i++) {
                    out.add(Arguments.of(f.getFileName() + "#" + (i + 1), fs.get(i)));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> captured() throws IOException {
        return Stream.concat(frames(REAL, "fastmm-"), frames(REAL, "cbdocs-"));
    }

    static Stream<Arguments> errors() throws IOException {
        return frames(REAL, "error-");
    }

    static Stream<Arguments> legacy() throws IOException {
        return frames(REAL.resolve("legacy"), "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void everyCapturedAndDocumentedDataFrameIsValid(String name, String frame) {
        Decoded d = decoder.decode(frame);
        assertInstanceOf(Frame.Data.class, d.frame(), name);
        assertTrue(d.valid(), () -> name + ": " + d.errors());
        assertEquals(FeedFamily.ADVANCED_TRADE, d.family(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void everyErrorFrameIsExplained(String name, String frame) {
        Decoded d = decoder.decode(frame);
        Frame.Error e = assertInstanceOf(Frame.Error.class, d.frame(), name);
        String text = ServerErrors.explain(e, List.of("heartbeats", "ticker"), false, false).text();
        assertTrue(text.contains(e.message()) && text.contains(":"), text);
        assertTrue(text.length() > e.message().length() + 40, () -> "no cause or fix in: " + text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacy")
    void everyLegacyFrameIsRecognisedAsLegacy(String name, String frame) {
        Decoded d = decoder.decode(frame);
        Frame.Foreign f = assertInstanceOf(Frame.Foreign.class, d.frame(), name);
        assertEquals(FeedFamily.LEGACY_EXCHANGE, f.family(), name);
        assertTrue(d.errors().get(0).message().contains(CoinbaseHosts.MARKET_DATA), d.errors()::toString);
    }

    @Test
    void theRecordedSessionIsWholeThoughItsAckFollowsTheData() {
        FrameLedger ledger = new FrameLedger(Clock.systemUTC());
        List<String> session = framesOf(REAL.resolve("fastmm-advanced-md-session-2026-09-30.ndjson"));
        int firstAck = -1;
        int firstData = -1;
        for (int i = 0; i < session.size(); i++) {
            Decoded d = decoder.decode(session.get(i));
            ledger.record(d, Instant.now(), Instant.now());
            String channel = d.data().channel();
            if (firstAck < 0 && "subscriptions".equals(channel)) {
                firstAck = i;
            }
            if (firstData < 0 && "l2_data".equals(channel)) {
                firstData = i;
            }
            assertFalse(session.get(i).contains("\"client_id\""), "2026 market data carries no client_id");
        }
        assertTrue(firstData >= 0 && firstAck > firstData, "data (" + firstData + ") before the ack (" + firstAck + ")");
        assertEquals(session.size(), ledger.tally().frames());
        assertEquals(0, ledger.sequence().counts().gaps());
        assertEquals(0, ledger.tally().violations());
    }
}
