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
    private final RestThread thread;

    TradeAudit(RestClient rest, List<String> products, long endNanos) {
        this.auditor = new TradeAuditor(rest, tape, products, endNanos);
        this.thread = new RestThread(auditor, "feedctl-rest-trades");
    }

    void start() {
        thread.start();
    }

    /** Ends the REST thread at once (tail, when it stops). */
    void stop() {
        thread.stop();
    }

    void fold(Event e) {
        if (e instanceof Event.MarketTrades mt) {
            tape.add(mt);
        }
    }

    void drain() {
        judge.drain(auditor, tape);
    }

    /** {@link #drain} when it is due ({@link RestThread#lookDue}). */
    void drainSoon() {
        if (thread.lookDue()) {
            drain();
        }
    }

    /** Ends the REST thread (a request under way is asked again), asks for what the run left open, judges it all. */
    void finish(long deadlineNanos) throws InterruptedException {
        thread.end(deadlineNanos);
        auditor.finish(deadlineNanos);
        drain();
    }
}
