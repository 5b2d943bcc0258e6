package dev.feedctl.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Decoded;
import dev.feedctl.protocol.FrameDecoder;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.Json;
import dev.feedctl.protocol.Violation;
import dev.feedctl.report.FrameText;
import dev.feedctl.transport.PriceBoard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The decoder and validator against random and mutated frames: no exception escapes, a frame that is not valid names
 * why, and what feedctl writes about it (NDJSON, annotated, human) is strict JSON or plain text with no raw control
 * character. This class runs a fast subset in {@code mvn -B verify}; {@link DecoderFuzzLongTest} runs 100,000.
 */
class DecoderFuzzTest {

    static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

    @Property(tries = 1000, seed = "20261130")
    void everyFrameIsJudgedWithoutAnExceptionAndItsOutputIsSafe(@ForAll("frames") String frame) {
        check(frame);
    }

    @Provide
    Arbitrary<String> frames() {
        return FrameMutations.frames();
    }

    static void check(String frame) {
        try {
            judge(frame);
        } catch (RuntimeException e) {
            StringBuilder trace = new StringBuilder();
            for (StackTraceElement el : e.getStackTrace()) {
                trace.append("\n  at ").append(el);
            }
            throw new AssertionError("an exception escaped for the frame: "
                    + frame.substring(0, Math.min(frame.length(), 400)) + "\n" + e + trace, e);
        }
    }

    private static void judge(String frame) {
        Decoded d = new FrameDecoder().decode(frame);
        assertNotNull(d.frame());
        if (!d.valid()) {
            assertFalse(d.errors().isEmpty(), "an invalid frame names a violation");
        }
        for (Violation v : d.violations()) {
            assertTrue(v.rule() != null && !v.rule().isBlank(), "every violation has a rule");
            noRawControl(v.path());
            noRawControl(v.message());
        }
        String ndjson = FrameText.ndjson(frame, d);
        if (ndjson != null) {
            assertFalse(ndjson.contains("\n"), "one line");
            Json.parse(ndjson); // strict JSON, or the test fails here
        }
        String annotated = FrameText.annotated(frame, d, AT);
        assertFalse(annotated.contains("\n"), "one line");
        Json.parse(annotated);
        noRawControl(annotated);
        String human = FrameText.human(d, AT);
        if (human != null) {
            noRawControl(human);
        }
        new FrameLedger(Clock.systemUTC()).record(d, AT, AT);
        if (d.data() != null && d.valid()) {
            new PriceBoard(List.of("BTC-USD"), AT).apply(d.data(), AT, 1, new ArrayList<>());
        }
    }

    static void noRawControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // the message is built only on failure: built for every character, it was most of the property's CPU
            assertFalse(c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0, () -> "raw control character U+"
                    + Integer.toHexString(c) + " in: " + s.substring(0, Math.min(s.length(), 200)));
        }
    }
}
