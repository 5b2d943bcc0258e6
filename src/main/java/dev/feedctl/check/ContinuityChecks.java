package dev.feedctl.check;

import dev.feedctl.units.Figures;
import dev.feedctl.protocol.SequenceTracker;
import java.time.Duration;
import java.util.Map;

/** Continuity on the connection: {@code sequence_num} without gaps, heartbeats that keep coming and count by one. */
final class ContinuityChecks {

    private ContinuityChecks() {
    }

    static CheckResult sequence(SequenceTracker t) {
        Map<String, Object> data = Map.of("frames", t.frames(), "gaps", t.gaps(), "missing", t.missing(),
                "duplicates", t.duplicates(), "regressions", t.regressions());
        if (t.clean()) {
            return CheckResult.pass("sequence", t.frames() + " sequence numbers, no gaps", data);
        }
        SequenceTracker.Anomaly a = t.anomalies().get(0);
        return CheckResult.fail("sequence", ExitCode.VERIFICATION_FAILED, t.gaps() + " gaps (" + t.missing() + " numbers missing), "
                + t.duplicates() + " duplicates, " + t.regressions() + " regressions in " + t.frames() + " frames",
                "sequence gaps: frames were lost; first " + a.kind().name().toLowerCase(java.util.Locale.ROOT) + " at frame #"
                + a.frameIndex() + ": expected " + a.expected() + ", got " + a.actual(),
                "on a gap, resubscribe (a new level2 snapshot) or reconnect; look for a slow consumer or a lossy "
                + "proxy", data);
    }

    static CheckResult heartbeats(CheckSettings s, Verifier.Observed o) {
        if (!s.heartbeats()) {
            return CheckResult.skip("heartbeats", "--no-heartbeats");
        }
        var hb = o.session.ledger().heartbeats();
        Duration silence = hb.longestSilence(o.endedAt);
        if (hb.lastSeen() == null) {
            silence = Duration.between(o.subscribedAt, o.endedAt);
        } else if (o.subscribedAt != null && Duration.between(o.subscribedAt, hb.firstSeen()).compareTo(silence) > 0) {
            silence = Duration.between(o.subscribedAt, hb.firstSeen());
        }
        Map<String, Object> data = Map.of("count", hb.count(), "counter_breaks", hb.breaks(),
                "longest_silence_ms", silence.toMillis());
        String evidence = hb.count() + " heartbeats, " + hb.breaks() + " counter breaks, longest silence "
                + Figures.duration(silence);
        if (hb.breaks() > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, "heartbeat_counter skipped " + hb.breaks()
                    + " times: heartbeats were lost", null, data);
        }
        if (silence.compareTo(CheckSettings.MAX_HEARTBEAT_INTERVAL) > 0) {
            return CheckResult.fail("heartbeats", ExitCode.VERIFICATION_FAILED, evidence, hb.count() == 0 ? "no heartbeat arrived"
                    : "heartbeats stopped: " + Figures.duration(silence) + " without one (more than 2 s)",
                    "the feed is stalled or the connection half-dead; reconnect", data);
        }
        return CheckResult.pass("heartbeats", evidence, data);
    }
}
