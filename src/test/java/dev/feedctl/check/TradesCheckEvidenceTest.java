package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trades check passes only on trades it compared: REST answering for the whole span with no trade in it leaves
 * nothing compared, a WARN, even with nothing missing and full coverage; one compared trade is a PASS.
 */
class TradesCheckEvidenceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private static CheckResult judged(long compared) {
        TradeCounts counts = new TradeCounts();
        counts.compared = compared;
        TradeFindings findings = new TradeFindings(List.of(new TradeFindings.Product("DOGE-USD",
                new TradeTape.Span(T0, T0.plusSeconds(10)), T0.plusSeconds(10), counts, Duration.ofSeconds(10))),
                0, List.of(), new RestTally("audit").seen());
        return TradesCheck.check(new Evidence(null, null, null, null, null, null, findings, null));
    }

    @Test
    void fullCoverageWithNoRestTradeIsNoEvidence() {
        CheckResult r = judged(0);
        assertEquals(Status.WARN, r.status(), r::evidence);
        assertTrue(r.diagnosis().contains("nothing was compared"), r::diagnosis);
    }

    @Test
    void oneComparedTradePasses() {
        CheckResult r = judged(1);
        assertEquals(Status.PASS, r.status(), r::evidence);
        assertTrue(r.evidence().startsWith("1 trades compared"), r::evidence);
    }
}
