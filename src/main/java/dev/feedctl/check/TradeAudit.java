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
final class TradeAudit extends RestAudit {

    /** The final REST rounds after the run are given at most this long (and never past the run's timeout). */
    static final Duration FINAL_ROUND = Duration.ofSeconds(3);

    final TradeTape tape = new TradeTape();
    final TradeJudge judge = new TradeJudge();
    final TradeAuditor auditor;

    TradeAudit(RestClient rest, List<String> products, long endNanos) {
        super("feedctl-rest-trades");
        this.auditor = new TradeAuditor(rest, tape, products, endNanos);
    }

    @Override
    RestRounds rounds() {
        return auditor; // a request under way when it ends is asked again in the final round
    }

    void fold(Event e) {
        if (e instanceof Event.MarketTrades mt) {
            tape.add(mt);
        }
    }

    @Override
    void drain() {
        judge.drain(auditor, tape);
    }
}
