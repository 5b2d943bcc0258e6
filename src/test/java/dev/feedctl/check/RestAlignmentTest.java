package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * REST samples against the socket's prices at the end of a run: a sample that answered after the socket's last
 * judged price (feedctl, the kernel or the feed behind) is not compared with an older socket price.
 */
class RestAlignmentTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);

    private static PriceComparer pricedThrough(Instant pricedThrough) {
        PriceComparer c = new PriceComparer();
        for (int ms = 0; ms <= pricedThrough.toEpochMilli() - T0.toEpochMilli(); ms += 100) {
            c.price("BTC-USD", T0.plusMillis(ms), new BigDecimal("100"));
        }
        c.judgedThrough(pricedThrough);
        return c;
    }

    /** What the comparison found, and the samples still waiting. */
    private record Drained(Evidence.Prices prices, RestSampler sampler) {
    }

    /** A REST price for BTC-USD, asked for 100 ms before it was answered at {@code answeredMs} after T0. */
    private record Rest(String price, int answeredMs) {
    }

    /** The socket's prices judged through {@code throughMs}, the REST samples drained during or at the end of a run. */
    private static Drained drained(int throughMs, boolean atTheEnd, Rest... samples) {
        return drained(throughMs, atTheEnd, true, samples);
    }

    private static Drained drained(int throughMs, boolean atTheEnd, boolean backedUp, Rest... samples) {
        PriceComparer c = pricedThrough(T0.plusMillis(throughMs));
        RestSampler sampler = new RestSampler(null, List.of("BTC-USD"), 0, CLOCK);
        for (Rest r : samples) {
            sampler.took(new RestSampler.Sample("BTC-USD", new BigDecimal(r.price()),
                    T0.plusMillis(r.answeredMs() - 100), T0.plusMillis(r.answeredMs())));
        }
        c.compare(sampler, atTheEnd, backedUp, CLOCK);
        return new Drained(c.result(), sampler);
    }

    @Test
    void aSampleTheSocketHadNotReachedByTheEndIsNotComparedWithAnOlderPrice() {
        // the first REST sample is within the socket's judged prices: compared, equal; the second was asked for
        // 900 ms after the socket's last judged price, the market having moved 7 %: the socket's prices for that
        // moment were still in a backlog when the run ended
        Evidence.Prices o = drained(1000, true, new Rest("100", 800), new Rest("107", 2000)).prices();
        assertEquals(1, o.compared().get("BTC-USD"));
        assertEquals(0, o.worstBps().get("BTC-USD").signum(), o.worstBps()::toString);
        assertEquals(1, o.unreached());
        assertEquals(0, o.unaligned());
    }

    @Test
    void aSampleAskedForWithinTheJudgedPricesIsComparedEvenIfAnsweredAfterThem() {
        Evidence.Prices o = drained(1000, true, new Rest("100", 1050)).prices(); // asked at 950 ms, answered at 1050 ms
        assertEquals(1, o.compared().get("BTC-USD"));
        assertEquals(0, o.unreached());
    }

    @Test
    void withNothingHeldBackALaterSampleIsComparedWithTheLastPrice() {
        // a quiet feed: no frame since 1000 ms, the reader not waiting, so the last price is still the socket's price
        Evidence.Prices o = drained(1000, true, false, new Rest("107", 2000)).prices();
        assertEquals(1, o.compared().get("BTC-USD"));
        assertEquals(700, o.worstBps().get("BTC-USD").intValue());
        assertEquals(0, o.unreached());
    }

    @Test
    void aDeviationWithinTheJudgedPricesStillCounts() {
        Evidence.Prices o = drained(3000, true, new Rest("107", 2000)).prices();
        assertEquals(700, o.worstBps().get("BTC-USD").intValue());
        assertEquals(0, o.unreached());
    }

    @Test
    void duringTheRunASampleWaitsUntilTheSocketIsJudgedPastItsWindow() {
        Drained d = drained(1000, false, new Rest("100", 800));
        assertNull(d.prices().compared().get("BTC-USD")); // 800 ms + 500 ms is past the socket's 1000 ms: not yet
        assertEquals(1, d.sampler().waiting());
    }
}
