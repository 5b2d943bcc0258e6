package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeLagTest {

    /** The report's percentiles never exceed the largest lag seen, nor fall below the smallest (issue 20). */
    @Test
    void percentilesStayWithinWhatWasObserved() {
        ExchangeLag lag = new ExchangeLag();
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        // 1.493 ms lies inside a histogram bucket whose top is higher: the raw answer would read 1.495
        for (int i = 0; i < 1000; i++) {
            lag.observe(t0, t0.plusNanos(1_493_000));
        }
        Map<String, Object> m = lag.summaryMillis();
        assertEquals(1.493, (double) m.get("max"), 1e-9);
        for (String p : new String[] {"p50", "p99", "p99_9"}) {
            double v = (double) m.get(p);
            assertTrue(v <= 1.493 && v >= 1.493, p + " = " + v + " outside [min, max] " + m);
        }
    }
}
