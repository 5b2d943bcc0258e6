package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TrackersTest {

    @Test
    void sequenceTrackerCountsGapsDuplicatesAndRegressionsWithPositions() {
        SequenceTracker t = new SequenceTracker();
        for (long s : new long[] {5, 6, 7, 10, 10, 8, 11}) {
            t.observe(s);
        }
        assertEquals(1, t.counts().gaps());
        assertEquals(2, t.counts().missing());
        assertEquals(1, t.counts().duplicates());
        assertEquals(1, t.counts().regressions());
        assertEquals(new SequenceTracker.Anomaly(SequenceTracker.Kind.GAP, 3, 8, 10), t.anomalies().get(0));
        assertEquals(SequenceTracker.Kind.DUPLICATE, t.anomalies().get(1).kind());
        assertEquals(5, t.anomalies().get(2).frameIndex());
        assertEquals(11, t.counts().last());
    }

    @Test
    void sequenceTrackerCountsEveryGapButKeepsAFixedNumberOfAnomalies() {
        SequenceTracker t = new SequenceTracker();
        for (long s = 0; s < 10_000; s += 2) {
            t.observe(s);
        }
        assertEquals(4_999, t.counts().gaps());
        assertEquals(SequenceTracker.KEPT, t.anomalies().size());
    }

    @Test
    void cleanSequenceIsClean() {
        SequenceTracker t = new SequenceTracker();
        for (long s = 0; s < 100; s++) {
            t.observe(s);
        }
        assertTrue(t.counts().clean());
    }

    @Test
    void heartbeatTrackerSeesCounterBreaksAndSilence() {
        HeartbeatTracker h = new HeartbeatTracker();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        h.observe(1, t0);
        h.observe(2, t0.plusSeconds(1));
        h.observe(4, t0.plusSeconds(2));
        h.observe(5, t0.plusMillis(5500));
        assertEquals(1, h.seen().breaks());
        assertEquals(Duration.ofMillis(3500), h.seen().longestInterval());
        assertEquals(Duration.ofMillis(4500), h.seen().longestSilence(t0.plusSeconds(10)));
        assertEquals(Duration.ofMillis(3500), h.seen().longestSilence(t0.plusSeconds(6)));
    }

    @Test
    void productAgesUseTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ProductAges ages = new ProductAges(clock);
        ages.expect("ETH-USD", clock.instant());
        ages.expect("BTC-USD", clock.instant());
        ages.updated("BTC-USD", clock.instant());
        clock.now = clock.now.plusSeconds(3);
        ages.updated("BTC-USD", clock.instant());
        ages.updated("INVENTED-USD", clock.instant());
        assertEquals(Duration.ofSeconds(3), ages.ageOf("ETH-USD"));
        assertEquals("ETH-USD", ages.stalest().orElseThrow().getKey());
        assertEquals(2, ages.updatesOf("BTC-USD"));
        assertEquals(null, ages.ageOf("INVENTED-USD"), "a product nobody subscribed to gets no state");
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
