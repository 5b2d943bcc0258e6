package dev.feedctl.check;

import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The judgements verify and probe share about one watched connection: every frame's schema, and how the connection
 * ended. One copy, so that the same feed reads the same in both commands.
 */
final class SessionChecks {

    private SessionChecks() {
    }

    /** Every frame received, validated by the decoder's named rules: one violation fails, with the rule and a case. */
    static CheckResult schema(FrameLedger.Tally ev) {
        if (ev.frames() == 0) {
            return CheckResult.skip("schema", "no frame arrived: nothing to validate");
        }
        if (ev.violations() == 0) {
            return CheckResult.pass("schema", ev.frames() + " frames, 0 violations", Map.of("frames", ev.frames()));
        }
        FrameLedger.Seen first = ev.examples().get(0);
        return CheckResult.fail("schema", ExitCode.VERIFICATION_FAILED, ev.invalidFrames() + " of " + ev.frames()
                + " frames break the protocol: " + Notation.byName(ev.violationsByRule()), "malformed frames; first: "
                + first.violation() + (first.sequence() >= 0 ? " (sequence_num " + first.sequence() + ")" : ""),
                "the server (or a proxy) sends frames that are not Advanced Trade; run feedctl subscribe --annotate "
                + "to see them", new LinkedHashMap<>(ev.violationsByRule()));
    }

    /**
     * A connection that stayed open through the run passes; any close inside it fails with code, reason, side and
     * what the code means.
     *
     * @param run what "the whole run" was, for the evidence ({@code the whole run}, {@code the 3.0 s window})
     */
    static CheckResult connection(FeedSession session, CloseInfo close, String run) {
        if (session == null) {
            return CheckResult.skip("connection", "no connection");
        }
        if (close == null) {
            return CheckResult.pass("connection", "open for " + run, Map.of());
        }
        String cause = close.knownCause(!session.ackedAfter().isEmpty(), session.connection().sizes());
        return CheckResult.fail("connection", ExitCode.CONNECTION, close.describe(),
                cause == null ? "the connection closed during the run" : cause,
                close.code() == 1001 || close.code() == 1006 ? "reconnect with backoff and resubscribe (feedctl tail "
                        + "does)" : null, CheckResult.data("code", close.code(), "reason", close.reason(), "by", close.side()));
    }

    /** {@code heartbeats in 48 ms, ticker in 54 ms}: each acknowledged channel and when, in name order. */
    static String acknowledged(Map<String, Duration> acked) {
        return acked.isEmpty() ? "none" : new TreeMap<>(acked).entrySet().stream()
                .map(e -> e.getKey() + " in " + Notation.duration(e.getValue())).collect(Collectors.joining(", "));
    }
}
