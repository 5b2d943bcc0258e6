package dev.feedctl.check;

import dev.feedctl.protocol.FrameLedger;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report's figures besides the checks: target, REST counts, evidence totals. */
final class RunSummary {

    private RunSummary() {
    }

    static Map<String, Object> of(CheckSettings s, Evidence o) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (o.replay() == null) { // a replay contacts no endpoint and runs no --duration: nothing to state
            f.put("ws_url", s.connect().uri().toString());
            f.put("rest_url", s.rest().toString());
        }
        f.put("channels", s.channels());
        f.put("products", s.products());
        if (o.replay() == null) { // a recording does not say whether its subscribes were signed (JWTs are redacted)
            f.put("authenticated", s.key() != null);
        }
        if (o.replay() == null) {
            f.put("duration_ms", s.duration().toMillis());
        }
        if (o.rest() != null) {
            Map<String, Object> rest = new LinkedHashMap<>();
            rest.put("calls", o.rest().counts().calls());
            rest.put("refused_429", o.rest().counts().refused());
            rest.put("server_errors", o.rest().counts().serverErrors());
            rest.put("clock_skew_ms", o.rest().skewMillis());
            f.put("rest", rest);
        }
        if (o.replay() != null) {
            f.put("replay", o.replay());
            f.put("connections", o.legs().size());
        }
        if (o.session() != null) {
            FrameLedger.Tally ev = o.ledger().tally();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("frames", ev.frames());
            e.put("data_frames", ev.dataFrames());
            e.put("frames_by_channel", ev.framesByChannel());
            e.put("violations_by_rule", ev.violationsByRule());
            e.put("drift_by_rule", ev.driftByRule());
            e.put("largest_frame_bytes", o.legs().stream().mapToLong(l -> l.session().sizes().largestFrame())
                    .max().orElse(0));
            if (o.replay() == null) { // a file is read without waiting: a stall there would be a constant 0
                e.put("reader_stalled_ms", o.session().readerStalledNanos() / 1_000_000);
            }
            if (o.feed().showsConnections()) { // bare frames' only time is their own timestamp: their lag would be 0
                e.put("exchange_lag_ms", o.ledger().lag().summaryMillis());
            }
            f.put("evidence", e);
        }
        return f;
    }
}
