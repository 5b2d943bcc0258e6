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

    private static Verifier.Observed observedThrough(Instant pricedThrough) {
        Verifier.Observed o = new Verifier.Observed();
        o.sampler = new RestSampler(null, List.of("BTC-USD"), 0, CLOCK);
        for (int ms = 0; ms <= pricedThrough.toEpochMilli() - T0.toEpochMilli(); ms += 100) {
            o.history.add("BTC-USD", T0.plusMillis(ms), new BigDecimal("100"));
        }
        o.pricedThrough = pricedThrough;
        return o;
    }

    /** A REST price for BTC-USD, asked for 100 ms before it was answered at {@code answeredMs} after T0. */
    private record Rest(String price, int answeredMs) {
    }

    /** The socket's prices judged through {@code throughMs}, the REST samples drained during or at the end of a run. */
    private static Verifier.Observed drained(int throughMs, boolean atTheEnd, Rest... samples) {
        return drained(throughMs, atTheEnd, true, samples);
    }

    private static Verifier.Observed drained(int throughMs, boolean atTheEnd, boolean backedUp, Rest... samples) {
        Verifier.Observed o = observedThrough(T0.plusMillis(throughMs));
        o.backedUpAtEnd = backedUp;
        for (Rest r : samples) {
            o.sampler.samples.add(new RestSampler.Sample("BTC-USD", new BigDecimal(r.price()),
                    T0.plusMillis(r.answeredMs() - 100), T0.plusMillis(r.answeredMs())));
        }
        Verifier.drainRest(o, atTheEnd, CLOCK);
        return o;
    }

    @Test
    void aSampleTheSocketHadNotReachedByTheEndIsNotComparedWithAnOlderPrice() {
        // the first REST sample is within the socket's judged prices: compared, equal; the second was asked for
        // 900 ms after the socket's last judged price, the market having moved 7 %: the socket's prices for that
        // moment were still in a backlog when the run ended
        Verifier.Observed o = drained(1000, true, new Rest("100", 800), new Rest("107", 2000));
        assertEquals(1, o.compared.get("BTC-USD"));
        assertEquals(0, o.worstBps.get("BTC-USD").signum(), o.worstBps::toString);
        assertEquals(1, o.unreached);
        assertEquals(0, o.unaligned);
    }

    @Test
    void aSampleAskedForWithinTheJudgedPricesIsComparedEvenIfAnsweredAfterThem() {
        Verifier.Observed o = drained(1000, true, new Rest("100", 1050)); // asked at 950 ms, answered at 1050 ms
        assertEquals(1, o.compared.get("BTC-USD"));
        assertEquals(0, o.unreached);
    }

    @Test
    void withNothingHeldBackALaterSampleIsComparedWithTheLastPrice() {
        // a quiet feed: no frame since 1000 ms, the reader not waiting, so the last price is still the socket's price
        Verifier.Observed o = drained(1000, true, false, new Rest("107", 2000));
        assertEquals(1, o.compared.get("BTC-USD"));
        assertEquals(700, o.worstBps.get("BTC-USD").intValue());
        assertEquals(0, o.unreached);
    }

    @Test
    void aDeviationWithinTheJudgedPricesStillCounts() {
        Verifier.Observed o = drained(3000, true, new Rest("107", 2000));
        assertEquals(700, o.worstBps.get("BTC-USD").intValue());
        assertEquals(0, o.unreached);
    }

    @Test
    void duringTheRunASampleWaitsUntilTheSocketIsJudgedPastItsWindow() {
        Verifier.Observed o = drained(1000, false, new Rest("100", 800));
        assertNull(o.compared.get("BTC-USD")); // 800 ms + 500 ms is past the socket's 1000 ms: not yet
        assertEquals(1, o.sampler.samples.size());
    }
}
