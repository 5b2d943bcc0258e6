package dev.feedctl.check;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The socket's recent prices per product, kept for a few seconds so REST samples can be compared with what the
 * socket said around the same moment (REST may lag about a second). Bounded by time and count.
 */
final class PriceHistory {

    static final Duration KEEP = Duration.ofSeconds(4);
    /**
     * Prices are kept as the lowest and highest of each 10 ms: memory stays bounded at any rate (a count limit
     * would keep only the last fraction of a second at 60,000 frames/s and then compare REST with the wrong moment),
     * and the deviation from a REST price is its distance to the nearest range in the window.
     */
    static final long BUCKET_MILLIS = 10;

    private static final class Bucket {
        final long index;
        BigDecimal low;
        BigDecimal high;

        Bucket(long index, BigDecimal price) {
            this.index = index;
            this.low = price;
            this.high = price;
        }
    }

    private final Map<String, ArrayDeque<Bucket>> byProduct = new HashMap<>();

    void add(String product, Instant at, BigDecimal price) {
        if (price.signum() <= 0) {
            return;
        }
        ArrayDeque<Bucket> buckets = byProduct.computeIfAbsent(product, k -> new ArrayDeque<>());
        long index = Math.floorDiv(at.toEpochMilli(), BUCKET_MILLIS);
        Bucket last = buckets.peekLast();
        if (last != null && last.index == index) {
            last.low = last.low.min(price);
            last.high = last.high.max(price);
        } else {
            buckets.addLast(new Bucket(index, price));
        }
        long horizon = index - KEEP.toMillis() / BUCKET_MILLIS;
        while (buckets.size() > 1 && buckets.peekFirst().index < horizon) {
            buckets.removeFirst();
        }
    }

    /**
     * The smallest deviation in basis points between {@code restPrice} and the socket's prices for the product in
     * [from, to]; null when the socket said nothing in that window.
     */
    BigDecimal closestBps(String product, BigDecimal restPrice, Instant from, Instant to) {
        ArrayDeque<Bucket> buckets = byProduct.get(product);
        if (buckets == null) {
            return null;
        }
        long first = Math.floorDiv(from.toEpochMilli(), BUCKET_MILLIS);
        long lastIndex = Math.floorDiv(to.toEpochMilli(), BUCKET_MILLIS);
        BigDecimal best = null;
        for (Bucket b : buckets) {
            if (b.index < first || b.index > lastIndex) {
                continue;
            }
            BigDecimal nearest = restPrice.compareTo(b.low) < 0 ? b.low : restPrice.compareTo(b.high) > 0 ? b.high
                    : restPrice;
            BigDecimal bps = restPrice.subtract(nearest).abs().multiply(BigDecimal.valueOf(10_000))
                    .divide(nearest, MathContext.DECIMAL64);
            if (best == null || bps.compareTo(best) < 0) {
                best = bps;
            }
        }
        return best;
    }
}
