package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A REST audit thread (trades, book) that dies of an unexpected exception says so once and marks its feature
 * failed: it never leaves the last findings standing as if they were current (issue 20, section 4). The exception
 * here is the one a missing REST client throws on the audit's first request.
 */
@Timeout(20)
class AuditFailureTest {

    /** verify's trades check: its REST thread's death is the check's FAIL (exit 70), not a partial PASS. */
    @Test
    void aDeadTradesAuditRecordsItsFailureForTheCheck() throws Exception {
        TradeAudit audit = new TradeAudit(null, List.of("BTC-USD"), Long.MAX_VALUE);
        java.time.Instant t0 = java.time.Instant.now().minusSeconds(10);
        List<Event.Trade> trades = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // 5 s of trades: a window old enough for the audit to ask REST about
            trades.add(new Event.Trade(Integer.toString(i), "BTC-USD", BigDecimal.ONE, BigDecimal.ONE, "BUY",
                    t0.plusMillis(100L * i)));
        }
        audit.fold(new Event.MarketTrades("update", trades));
        audit.start();
        try {
            long end = System.nanoTime() + 10_000_000_000L;
            while (audit.auditor.tally.failure() == null && System.nanoTime() < end) {
                Thread.sleep(20); // polling the audit's own thread, bounded by the deadline
            }
            assertTrue(audit.auditor.tally.failure() instanceof NullPointerException, String.valueOf(audit.auditor.tally.failure()));
            assertTrue(audit.auditor.tally.lastProblem().startsWith("feedctl's REST audit failed: "));
        } finally {
            audit.stop();
        }
    }

    @Test
    void aDeadBookAuditIsToldOnceAndThenNothingMore() throws Exception {
        LiveAudits audits = LiveAudits.start(null, List.of("level2"), List.of("BTC-USD"));
        try {
            List<LiveAudits.Finding> seen = new ArrayList<>();
            long end = System.nanoTime() + 10_000_000_000L;
            while (seen.isEmpty() && System.nanoTime() < end) {
                seen.addAll(audits.findings());
                Thread.sleep(20); // polling the audit's own thread, bounded by the deadline
            }
            assertEquals(List.of("book"), seen.stream().map(f -> ((LiveAudits.AuditFailed) f).feature()).toList(),
                    seen::toString);
            for (LiveAudits.Finding f : seen) {
                assertTrue(((LiveAudits.AuditFailed) f).problem().startsWith("feedctl's REST audit failed: "),
                        f::toString);
            }
            assertTrue(audits.findings().isEmpty(), "told once, not on every tick");
        } finally {
            audits.stop();
        }
    }
}
