package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.ProductIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trades the socket delivered, per product, kept as a window (the last {@link #KEEP}, at most {@link #MAX_KEPT}
 * a product, swept once a second) so REST's record of the same ids can be compared with them on a run of any length.
 * Written by the thread that judges frames; {@link #span} is read by the REST thread.
 */
final class TradeTape {

    static final Duration KEEP = Duration.ofSeconds(30);
    static final int MAX_KEPT = 100_000;
    static final int EXAMPLES = 5;

    /** A trade as the socket said it. */
    record Kept(String id, BigDecimal price, BigDecimal size, String side, Instant time) {
    }

    /** The socket's first and last trade time for a product: the span REST can be judged against. */
    record Span(Instant first, Instant last) {
    }

    private static final class Product {
        final LinkedHashMap<String, Kept> window = new LinkedHashMap<>();
        /** Trades older than this were let go: REST trades before it cannot be judged. */
        Instant forgottenThrough;
        long delivered;
        /** The window is swept once a second of trade time, not on every trade. */
        Instant nextSweep = Instant.MIN;
        // written here, read by the REST thread
        volatile Instant first;
        volatile Instant last;
    }

    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private long duplicates;
    private final List<String> duplicateExamples = new ArrayList<>();

    void add(Event.MarketTrades event) {
        for (Event.Trade t : event.trades()) {
            if (t.tradeId() == null || t.productId() == null || t.time() == null) {
                continue; // the schema check names it; nothing here to match on
            }
            String id = ProductIds.canonical(t.productId());
            Product p = products.computeIfAbsent(id, k -> new Product());
            p.delivered++;
            Kept k = new Kept(t.tradeId(), t.price(), t.size(), t.side(), t.time());
            if (p.window.putIfAbsent(t.tradeId(), k) != null) {
                duplicates++;
                if (duplicateExamples.size() < EXAMPLES) {
                    duplicateExamples.add(id + " " + t.tradeId());
                }
                continue;
            }
            if (p.first == null || t.time().isBefore(p.first)) {
                p.first = t.time();
            }
            if (p.last == null || t.time().isAfter(p.last)) {
                p.last = t.time();
            }
            if (t.time().isAfter(p.nextSweep) || p.window.size() > MAX_KEPT) {
                p.nextSweep = t.time().plusSeconds(1);
                forgetOld(p, t.time());
            }
        }
    }

    private static void forgetOld(Product p, Instant latest) {
        Instant horizon = latest.minus(KEEP);
        for (Iterator<Kept> it = p.window.values().iterator(); it.hasNext(); ) {
            Kept k = it.next();
            if (p.window.size() <= MAX_KEPT && !k.time().isBefore(horizon)) {
                break;
            }
            p.forgottenThrough = max(p.forgottenThrough, k.time());
            it.remove();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    Span span(String product) {
        Product p = products.get(product);
        Instant first = p == null ? null : p.first;
        Instant last = p == null ? null : p.last;
        return first == null || last == null ? null : new Span(first, last);
    }

    Kept find(String product, String tradeId) {
        Product p = products.get(product);
        return p == null ? null : p.window.get(tradeId);
    }

    /** True when trades at {@code time} may have been let go from the window. */
    boolean forgotten(String product, Instant time) {
        Product p = products.get(product);
        return p != null && p.forgottenThrough != null && !time.isAfter(p.forgottenThrough);
    }

    long delivered(String product) {
        Product p = products.get(product);
        return p == null ? 0 : p.delivered;
    }

    long duplicates() {
        return duplicates;
    }

    List<String> duplicateExamples() {
        return duplicateExamples;
    }
}
