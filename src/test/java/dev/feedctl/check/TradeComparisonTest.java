package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REST's record of a trade against the socket's, the same id: the same number written another way ("100.10" and
 * "100.1", "1.001E+2", nineteen digits) agrees; another price, size or side is a mismatch named with both figures; a
 * figure REST does not state (absent, zero, not a number) is not compared. REST's figures are compared packed where
 * they pack and as decimals where they do not: both ways are here.
 */
class TradeComparisonTest {

    private static final String P = "DOGE-USD";
    private static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    private static TradeAuditor.RestTrade rest(String id, String price, String size, String side, Instant time) {
        return TradeAuditor.RestTrade.of(id, price, size, side, time);
    }

    /** The socket's trades ids 100.., each price 100.10, size 2.50, BUY; REST's in {@code rest}, judged. */
    private static TradeJudge.Tally judged(String... rest) {
        TradeTape tape = new TradeTape();
        List<Event.Trade> socket = new ArrayList<>();
        for (int i = 0; i < rest.length; i++) {
            socket.add(new Event.Trade(Integer.toString(100 + i), P, new BigDecimal("100.10"), new BigDecimal("2.50"),
                    "BUY", T0.plusMillis(i)));
        }
        tape.add(new Event.MarketTrades("update", socket));
        List<TradeAuditor.RestTrade> answer = new ArrayList<>();
        for (int i = rest.length - 1; i >= 0; i--) { // newest first, as REST answers
            String[] f = rest[i].split(" ", -1);
            answer.add(rest(Integer.toString(100 + i), f[0].equals("null") ? null : f[0],
                    f[1].equals("null") ? null : f[1], f[2].equals("null") ? null : f[2], T0.plusMillis(i)));
        }
        TradeAuditor auditor = new TradeAuditor(null, tape, List.of(P), 0);
        auditor.answers.add(new TradeAuditor.Answer(P, T0, T0.plusSeconds(1), answer));
        TradeJudge judge = new TradeJudge();
        judge.drain(auditor, tape);
        return judge.tally(P);
    }

    @Test
    void theSameNumbersWrittenOtherwiseAgree() {
        TradeJudge.Tally t = judged("100.1 2.5 BUY", "100.10 2.50 buy", "1.001E+2 2.5 BUY",
                "100.1000000000000000 2.5 BUY", "0100.10 2.500 BUY");
        assertEquals(5, t.compared);
        assertEquals(0, t.mismatched, t.mismatchExamples::toString);
    }

    @Test
    void anotherPriceSizeOrSideIsAMismatchNamedWithBothFigures() {
        TradeJudge.Tally t = judged("100.2 2.5 BUY", "100.1 2.51 BUY", "100.1 2.5 SELL", "1.002E+2 2.5 BUY",
                "100.1000000000000001 2.5 BUY");
        assertEquals(5, t.compared);
        assertEquals(5, t.mismatched, t.mismatchExamples::toString);
        assertEquals(1, t.sideMismatched);
        assertEquals(List.of("100 price 100.10 vs REST 100.2", "101 size 2.50 vs REST 2.51",
                "102 side BUY vs REST SELL", "103 price 100.10 vs REST 100.2", "104 price 100.10 vs REST 100.1000000000000001"), t.mismatchExamples);
    }

    @Test
    void eachFigureIsComparedItsOwnWayWhenOnlyOneOfThemPacks() {
        TradeJudge.Tally t = judged("1.001E+2 2.6 BUY", "100.1 2.5E+0 BUY", "1.001E+2 2.5E+0 BUY");
        assertEquals(3, t.compared);
        assertEquals(List.of("100 size 2.50 vs REST 2.6"), t.mismatchExamples);
    }

    @Test
    void aFigureRestDoesNotStateIsNotCompared() {
        TradeJudge.Tally t = judged("null null null", "0 0.000 BUY", "abc -2.5 BUY", "- 2.5. BUY");
        assertEquals(4, t.compared);
        assertEquals(0, t.mismatched, t.mismatchExamples::toString);
    }

    @Test
    void aSocketFigureTooLongToPackIsStillCompared() {
        TradeTape tape = new TradeTape();
        BigDecimal long20 = new BigDecimal("100.10000000000000000"); // 20 digits: kept as an object, not in the ring
        tape.add(new Event.MarketTrades("update", List.of(new Event.Trade("7", P, long20, BigDecimal.ONE, "BUY", T0),
                new Event.Trade("8", P, long20, BigDecimal.ONE, "BUY", T0))));
        TradeAuditor auditor = new TradeAuditor(null, tape, List.of(P), 0);
        auditor.answers.add(new TradeAuditor.Answer(P, T0, T0.plusSeconds(1), List.of(
                rest("8", "100.2", "1", "BUY", T0),
                rest("7", "100.1", "1.0", "BUY", T0))));
        TradeJudge judge = new TradeJudge();
        judge.drain(auditor, tape);
        TradeJudge.Tally t = judge.tally(P);
        assertEquals(2, t.compared);
        assertEquals(1, t.mismatched);
        assertTrue(t.mismatchExamples.get(0).startsWith("8 price 100.10000000000000000 vs REST 100.2"),
                t.mismatchExamples::toString);
    }
}
