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
    static final int MAX_PER_PRODUCT = 20_000;

    private record Point(Instant at, BigDecimal price) {
    }

    private final Map<String, ArrayDeque<Point>> byProduct = new HashMap<>();

    void add(String product, Instant at, BigDecimal price) {
        ArrayDeque<Point> points = byProduct.computeIfAbsent(product, k -> new ArrayDeque<>());
        points.addLast(new Point(at, price));
        Instant horizon = at.minus(KEEP);
        while (points.size() > MAX_PER_PRODUCT || points.peekFirst().at().isBefore(horizon)) {
            points.removeFirst();
        }
    }

    /**
     * The smallest deviation in basis points between {@code restPrice} and any socket price for the product in
     * [from, to]; null when the socket said nothing in that window.
     */
    BigDecimal closestBps(String product, BigDecimal restPrice, Instant from, Instant to) {
        ArrayDeque<Point> points = byProduct.get(product);
        if (points == null) {
            return null;
        }
        BigDecimal best = null;
        for (Point p : points) {
            if (p.at().isBefore(from) || p.at().isAfter(to) || p.price().signum() == 0) {
                continue;
            }
            BigDecimal bps = restPrice.subtract(p.price()).abs().multiply(BigDecimal.valueOf(10_000))
                    .divide(p.price(), MathContext.DECIMAL64);
            if (best == null || bps.compareTo(best) < 0) {
                best = bps;
            }
        }
        return best;
    }
}
