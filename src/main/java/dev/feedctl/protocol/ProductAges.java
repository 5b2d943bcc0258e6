package dev.feedctl.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When each product last got a data update; the age of the stalest one. Times are on the clock given, which for a
 * feed is the feed clock (feedctl's own stalls left out). Not thread-safe.
 */
public final class ProductAges {

    private final Clock clock;
    private final Map<String, Instant> lastUpdate = new LinkedHashMap<>();
    private final Map<String, Long> updates = new LinkedHashMap<>();
    /** The exchange's timestamp of each product's last update: its clock, not this machine's. */
    private final Map<String, Instant> lastExchange = new LinkedHashMap<>();

    public ProductAges(Clock clock) {
        this.clock = clock;
    }

    /** Registers a product that is expected to update, so silence from the start counts as staleness too. */
    public void expect(String product, Instant since) {
        expecting = true;
        lastUpdate.putIfAbsent(product, since);
        updates.putIfAbsent(product, 0L);
    }

    /** True once any product is expected: from then on only those are tracked. */
    public boolean expecting() {
        return expecting;
    }

    private boolean expecting;

    /** Without a subscription to go by (a recording of raw frames), this many products at most are tracked. */
    static final int UNEXPECTED_KEPT = 1_000;

    public boolean isExpected(String product) {
        return lastUpdate.containsKey(product);
    }

    /** A data update for {@code product} received at {@code at} (on the same clock as this tracker's). */
    public void updated(String product, Instant at) {
        updated(product, at, null);
    }

    /**
     * A data update for {@code product} received at {@code at} (this tracker's clock), stamped {@code exchangeTime}
     * by the exchange (null when the frame had no timestamp).
     */
    public void updated(String product, Instant at, Instant exchangeTime) {
        if (!lastUpdate.containsKey(product) && (expecting || lastUpdate.size() >= UNEXPECTED_KEPT)) {
            return; // bounded: state only for the products subscribed (or the first thousand seen)
        }
        lastUpdate.put(product, at);
        updates.merge(product, 1L, Long::sum);
        if (exchangeTime != null) {
            lastExchange.put(product, exchangeTime);
        }
    }

    public Duration ageOf(String product) {
        Instant t = lastUpdate.get(product);
        return t == null ? null : Duration.between(t, clock.instant());
    }

    public long updatesOf(String product) {
        return updates.getOrDefault(product, 0L);
    }

    public Map<String, Long> updates() {
        return Map.copyOf(updates);
    }

    public Optional<Map.Entry<String, Duration>> stalest() {
        Instant now = clock.instant();
        return lastUpdate.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), Duration.between(e.getValue(), now)))
                .max(Map.Entry.comparingByValue());
    }

    /**
     * Each product's last update as read at one moment (a verify run's end), for the checks: ages are judged at the
     * run's end, and nothing folded in later changes them.
     *
     * @param lastAt        when each tracked product last updated (or began to be expected), on the tracker's clock
     * @param updates       updates per product
     * @param exchangeTimes the exchange's timestamp of each product's last update that carried one
     */
    public record LastUpdates(Map<String, Instant> lastAt, Map<String, Long> updates,
                              Map<String, Instant> exchangeTimes) {

        public LastUpdates {
            lastAt = Map.copyOf(lastAt);
            updates = Map.copyOf(updates);
            exchangeTimes = Map.copyOf(exchangeTimes);
        }

        public long updatesOf(String product) {
            return updates.getOrDefault(product, 0L);
        }

        /**
         * The age of {@code product}'s last update at {@code at} (the tracker's clock), never negative: a run judged
         * after it ended (a closed socket, REST still answering) ages nothing past its end.
         */
        public Duration ageAt(String product, Instant at) {
            Instant t = lastAt.get(product);
            return t == null ? null : t.isAfter(at) ? Duration.ZERO : Duration.between(t, at);
        }

        /**
         * The exchange's timestamp of the last update of {@code product}, on the exchange's clock; null when none
         * came with one. Compared with REST's trade times, which are on the same clock.
         */
        public Instant lastExchangeTime(String product) {
            return exchangeTimes.get(product);
        }
    }

    public LastUpdates lastUpdates() {
        return new LastUpdates(lastUpdate, updates, lastExchange);
    }
}
