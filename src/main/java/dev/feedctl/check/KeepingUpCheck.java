package dev.feedctl.check;

import dev.feedctl.protocol.ExchangeLag;
import dev.feedctl.transport.SessionCopy;
import dev.feedctl.units.Notation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Did feedctl keep up with the feed? A verifier that falls behind must say so as its own finding, never let its
 * backlog pass for a stalled or stale feed. Never FAIL: a slow machine is not a broken feed.
 */
final class KeepingUpCheck {

    /** A frame that waited longer than this before it was judged means feedctl fell behind. */
    static final Duration BACKLOG_LIMIT = Duration.ofSeconds(1);
    /** Frames arriving this much later than they did at best, with feedctl keeping up, means upstream delay. */
    static final Duration UPSTREAM_LIMIT = Duration.ofSeconds(2);

    private KeepingUpCheck() {
    }

    static CheckResult check(Evidence o) {
        SessionCopy session = o.session();
        if (session == null) {
            return CheckResult.skip("keeping-up", "no connection: nothing was received");
        }
        if (session.ledger().tally().frames() == 0) {
            return CheckResult.skip("keeping-up", "no frame arrived: there was nothing to keep up with");
        }
        Duration backlog = o.timing().longestBacklog();
        long stalledMs = session.readerStalledNanos() / 1_000_000;
        ExchangeLag.Summary lag = session.ledger().lag();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("longest_backlog_ms", backlog.toMillis());
        data.put("reader_stalled_ms", stalledMs);
        data.put("reader_stalls", session.readerStalls());
        data.put("judged_after_deadline", o.timing().judgedAfterDeadline());
        data.put("exchange_lag_ms", lag.summaryMillis());
        data.put("lag_growth_ms", lag.growth().toMillis());
        String lagText = lag.count() == 0 ? "no exchange timestamps" : Notation.format(
                "lag behind exchange timestamps p50 %.1f ms, p99 %.1f ms, growth %d ms",
                (Double) lag.summaryMillis().get("p50"), (Double) lag.summaryMillis().get("p99"),
                lag.growth().toMillis());
        String evidence = "longest wait before judging " + Notation.duration(backlog) + ", reader paused "
                + session.readerStalls() + " times (" + Notation.duration(Duration.ofMillis(stalledMs)) + "); "
                + lagText;
        if (stalledMs > 0 || backlog.compareTo(BACKLOG_LIMIT) > 0) {
            return CheckResult.warn("keeping-up", evidence, "feedctl fell behind the feed by "
                    + Notation.duration(backlog) + " (frames waited that long to be judged"
                    + (stalledMs > 0 ? "; its reader paused " + Notation.duration(Duration.ofMillis(stalledMs))
                    + " while its buffer was full" : "")
                    + "): this machine or feedctl is the bottleneck, not the feed. Every frame was still judged, and "
                    + "heartbeat silences and ages above leave feedctl's own pauses out",
                    "give feedctl a core of its own, or fewer products and channels per run", data);
        }
        if (lag.growth().compareTo(UPSTREAM_LIMIT) > 0) {
            return CheckResult.warn("keeping-up", evidence, "frames arrived up to " + Notation.duration(lag.growth())
                    + " later than at best, while feedctl kept up: the delay is upstream (server or network)",
                    "check the network path; compare with a run from another machine", data);
        }
        return CheckResult.pass("keeping-up", evidence, data);
    }
}
