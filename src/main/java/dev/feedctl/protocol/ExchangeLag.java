package dev.feedctl.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How far behind the exchange's own timestamp each frame arrived (receipt on this machine minus the envelope's
 * {@code timestamp}). Absolute values carry the clock skew between the two machines; the growth of the lag (largest
 * minus smallest) does not, and is what says that someone fell behind. Bounded memory (a histogram).
 */
public final class ExchangeLag {

    private static final long MAX_MICROS = Duration.ofHours(1).toNanos() / 1000;

    private final Histogram micros = new Histogram(MAX_MICROS, 2);
    private long minMicros = Long.MAX_VALUE;
    private long maxMicros = Long.MIN_VALUE;
    private long negative;

    public void observe(Instant exchangeTime, Instant receivedAt) {
        long us = Duration.between(exchangeTime, receivedAt).toNanos() / 1000;
        minMicros = Math.min(minMicros, us);
        maxMicros = Math.max(maxMicros, us);
        if (us < 0) {
            negative++; // the exchange clock runs ahead of this one
        }
        micros.recordValue(Math.max(0, Math.min(us, MAX_MICROS)));
    }

    /**
     * The smallest lag seen: clock skew plus the fastest path from the exchange to here. A frame's exchange time plus
     * this is when it would have arrived with no queue anywhere, feedctl's included.
     */
    public Duration least() {
        return count() == 0 ? Duration.ZERO : Duration.ofNanos(minMicros * 1000);
    }

    public long count() {
        return micros.getTotalCount();
    }

    /** Largest lag minus smallest: how much later frames came than they had at best, whatever the clock skew. */
    public Duration growth() {
        return count() == 0 ? Duration.ZERO : Duration.ofNanos((maxMicros - minMicros) * 1000);
    }

    /**
     * A percentile within what was seen: the histogram answers with the top of a value's bucket (2 significant
     * digits), which can lie above the largest lag observed; a report never states a lag no frame had.
     */
    private double percentileMillis(double percentile) {
        long v = micros.getValueAtPercentile(percentile);
        return Math.max(Math.min(v, maxMicros), Math.max(0, minMicros)) / 1000.0;
    }

    /** Percentiles in milliseconds for the report: p50, p99, p99.9, max; empty when no frame had a timestamp. */
    public Map<String, Object> summaryMillis() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (count() == 0) {
            return m;
        }
        m.put("frames", count());
        m.put("p50", percentileMillis(50));
        m.put("p99", percentileMillis(99));
        m.put("p99_9", percentileMillis(99.9));
        m.put("max", maxMicros / 1000.0);
        m.put("min", minMicros / 1000.0);
        m.put("exchange_clock_ahead", negative > 0);
        return m;
    }

    /**
     * The lag as read at one moment (a verify run's end), for checks and reports that must not see it move on.
     *
     * @param count         frames that carried an exchange timestamp
     * @param summaryMillis as {@link #summaryMillis()}: percentiles in milliseconds, in the report's order
     */
    public record Summary(long count, Duration growth, Map<String, Object> summaryMillis) {
        public Summary {
            summaryMillis = Collections.unmodifiableMap(new LinkedHashMap<>(summaryMillis));
        }
    }

    public Summary summary() {
        return new Summary(count(), growth(), summaryMillis());
    }
}
