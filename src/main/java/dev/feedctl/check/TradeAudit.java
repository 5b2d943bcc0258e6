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

    /** The final REST round after the run is given at most this long (and never more than the connect timeout). */
    static final Duration FINAL_ROUND = Duration.ofSeconds(3);

    final TradeTape tape = new TradeTape();
    final TradeJudge judge = new TradeJudge();
    final TradeAuditor auditor;
    private final Thread thread;

    TradeAudit(RestClient rest, List<String> products, long endNanos) {
        this.auditor = new TradeAuditor(rest, tape, products, endNanos);
        this.thread = new Thread(auditor, "feedctl-rest-trades");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void fold(Event e) {
        if (e instanceof Event.MarketTrades mt) {
            tape.add(mt);
        }
    }

    void drain() {
        judge.drain(auditor, tape);
    }

    /** Ends the REST thread, asks for what the run's end left open (within {@code timeout}), judges it all. */
    void finish(Duration timeout) throws InterruptedException {
        auditor.stop();
        thread.join(timeout.toMillis() + 1000); // its requests end at the run's deadline; a failed one is asked again

        Duration round = timeout.compareTo(FINAL_ROUND) < 0 ? timeout : FINAL_ROUND;
        auditor.finish(System.nanoTime() + round.toNanos());
        drain();
    }
}
