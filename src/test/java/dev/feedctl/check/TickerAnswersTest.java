package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trades check reads REST's ticker answers itself ({@link dev.feedctl.protocol.TickerTrades}): a real answer is
 * compared trade by trade, and an answer that is no ticker says what it is, as when Gson read them.
 */
@Timeout(30)
class TickerAnswersTest {

    private static final Instant T0 = Instant.now().minusSeconds(10);

    /** Runs a trades audit of 5 s of socket trades (ids 0-49) against a REST that answers every ticker with body. */
    private static TradeAudit audit(String body, java.util.function.Predicate<TradeAudit> until) throws Exception {
        LoopbackRest rest = LoopbackRest.answering(body);
        TradeAudit audit = new TradeAudit(rest.client, List.of("BTC-USD"), Long.MAX_VALUE);
        List<Event.Trade> trades = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            trades.add(new Event.Trade(Integer.toString(i), "BTC-USD", new BigDecimal("100.5"), BigDecimal.ONE, "BUY",
                    T0.plusMillis(100L * i)));
        }
        audit.fold(new Event.MarketTrades("update", trades));
        audit.start();
        try {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!until.test(audit) && System.nanoTime() < end) {
                Thread.sleep(20); // polling the audit's own thread, bounded by the deadline
                audit.drain();
            }
            return audit;
        } finally {
            audit.stop();
            rest.close();
        }
    }

    @Test
    void aTickerAnswerIsComparedTradeByTrade() throws Exception {
        StringBuilder b = new StringBuilder("{\"trades\":[");
        for (int i = 49; i >= 40; i--) { // newest first, as REST answers; an escaped side and a number id among them
            b.append(i == 49 ? "" : ",").append("{\"trade_id\":").append(i == 45 ? "45" : "\"" + i + "\"")
                    .append(",\"product_id\":\"BTC-USD\",\"price\":\"100.50\",\"size\":\"1\",\"side\":\"")
                    .append(i == 44 ? "B\\u0055Y" : "BUY").append("\",\"time\":\"").append(T0.plusMillis(100L * i))
                    .append("\"}");
        }
        b.append("],\"best_bid\":\"100\",\"best_ask\":\"101\"}");
        TradeAudit a = audit(b.toString(), x -> x.judge.tally("BTC-USD").compared >= 10);
        TradeJudge.Tally t = a.judge.tally("BTC-USD");
        assertEquals(10, t.compared, "the ten REST trades, each found on the socket with its price, size and side");
        assertEquals(0, t.missing);
    }

    @Test
    void anHtmlPageIsNamedNotReadAsATicker() throws Exception {
        TradeAudit a = audit("<html>maintenance</html>", x -> x.auditor.tally.lastProblem() != null);
        assertEquals("HTTP 200 with an HTML page, not Advanced Trade JSON", a.auditor.tally.lastProblem());
        assertTrue(a.auditor.tally.failed() > 0);
    }

    @Test
    void jsonWithoutATradesArrayIsNamed() throws Exception {
        TradeAudit a = audit("{\"best_bid\":\"100\"}", x -> x.auditor.tally.lastProblem() != null);
        assertEquals("a ticker answer without a trades array", a.auditor.tally.lastProblem());
    }

    @Test
    void aBodyThatIsNoJsonObjectIsNamed() throws Exception {
        TradeAudit a = audit("[1,2]", x -> x.auditor.tally.lastProblem() != null);
        assertEquals("HTTP 200 with a body that is not a JSON object: [1,2]", a.auditor.tally.lastProblem());
    }
}
