package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.transport.RestClient;
import java.time.Duration;
import java.util.List;

/**
 * The {@code trades} check's moving parts for one verify run: the socket's trade tape, the REST thread that asks
 * for the same trades, and the judge that compares them. Verify feeds it frames, drains it as it goes and finishes
 * it once the socket has stopped.
 */
final class TradeAudit {

    /** The final REST rounds after the run are given at most this long (and never past the run's timeout). */
    static final Duration FINAL_ROUND = Duration.ofSeconds(3);

    final TradeTape tape = new TradeTape();
    final TradeJudge judge = new TradeJudge();
    final TradeAuditor auditor;
    private final Thread thread;
    private long lastDrain = System.nanoTime();

    TradeAudit(RestClient rest, List<String> products, long endNanos) {
        this.auditor = new TradeAuditor(rest, tape, products, endNanos);
        this.thread = new Thread(auditor, "feedctl-rest-trades");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the REST thread at once (tail, when it stops). */
    void stop() {
        auditor.stop();
        thread.interrupt();
    }

    void fold(Event e) {
        if (e instanceof Event.MarketTrades mt) {
            tape.add(mt);
        }
    }

    void drain() {
        judge.drain(auditor, tape);
    }

    /**
     * {@link #drain} at most every {@link CheckSettings#AUDIT_DRAIN}: verify asks after every frame, and thousands
     * of looks a second at REST's queue find nothing new.
     */
    void drainSoon() {
        long now = System.nanoTime();
        if (now - lastDrain >= CheckSettings.AUDIT_DRAIN.toNanos()) {
            lastDrain = now;
            drain();
        }
    }

    /** Ends the REST thread (a request under way is asked again), asks for what the run left open, judges it all. */
    void finish(long deadlineNanos) throws InterruptedException {
        auditor.stop();
        thread.interrupt();
        thread.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        auditor.finish(deadlineNanos);
        drain();
    }
}
