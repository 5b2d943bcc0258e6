package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import java.time.Duration;
import java.util.List;

/**
 * Verify's exact comparisons with REST, set up by the channels subscribed: {@code trades} with market_trades,
 * {@code book} with level2. Each runs its own REST thread within the shared budget; the judging thread feeds them
 * frames, drains their answers as it goes and finishes them after the run.
 */
final class RestAudits {

    private RestAudits() {
    }

    static void start(EvidenceRecorder o, CheckSettings s, List<String> canonical, int bookDepth, long endNanos) {
        if (s.channels().contains("market_trades")) {
            o.trades = new TradeAudit(o.rest, canonical, endNanos);
            o.trades.start();
        }
        if (s.channels().contains("level2")) {
            o.book = new BookAudit(o.rest, canonical, bookDepth, endNanos);
            o.book.start();
        }
    }

    /** A data frame: the book takes every one (a bad size is its to name), the trades only valid ones. */
    static void fold(EvidenceRecorder o, Frame.Data d, boolean valid) {
        if (o.book != null) {
            o.book.fold(d);
        }
        if (o.trades != null && valid) {
            List<Event> events = d.events();
            for (int i = 0; i < events.size(); i++) { // by index: no iterator per frame (verify runs on C1 alone)
                o.trades.fold(events.get(i));
            }
        }
    }

    /**
     * Judges what REST answered, at most every {@link CheckSettings#AUDIT_DRAIN} of {@code nowNanos} (the judging
     * loop's System.nanoTime, read once a turn): verify asks after every frame, and thousands of looks a second at
     * REST's queues find nothing new. One clock read a turn, the loop's, not one per audit (26 ns each here).
     */
    static void drain(EvidenceRecorder o, long nowNanos) {
        if (nowNanos - o.auditsLookedAt < DRAIN_NANOS) {
            return;
        }
        o.auditsLookedAt = nowNanos;
        if (o.trades != null) {
            o.trades.drain();
        }
        if (o.book != null) {
            o.book.drain();
        }
    }

    private static final long DRAIN_NANOS = CheckSettings.AUDIT_DRAIN.toNanos();

    /**
     * After the run: the last REST rounds, within {@link TradeAudit#FINAL_ROUND} and never past the run's end plus
     * the timeout (so the whole run keeps its bound of --duration plus --timeout).
     */
    static void finish(EvidenceRecorder o, long endNanos, Duration timeout) throws InterruptedException {
        long deadline = Math.min(System.nanoTime() + TradeAudit.FINAL_ROUND.toNanos(), endNanos + timeout.toNanos());
        if (o.trades != null) {
            o.trades.finish(deadline);
        }
        if (o.book != null) {
            o.book.finish(deadline);
        }
    }
}
