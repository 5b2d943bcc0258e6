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
 * The window lives in primitive arrays ({@link TradeRing}): it outlives young collections, so it must cost them nothing.
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
        final TradeRing ring = new TradeRing();
        /** Trades the ring cannot hold exactly (an id that is not a plain number, say), as objects, oldest first. */
        final LinkedHashMap<String, Kept> odd = new LinkedHashMap<>();
        /** Trades at or before this (epoch nanos) were let go: REST trades then cannot be judged. */
        long forgottenThrough = Long.MIN_VALUE;
        long delivered;
        /** The window is swept once a second of trade time, not on every trade. */
        long nextSweep = Long.MIN_VALUE;
        // written here, read by the REST thread
        volatile Instant first;
        volatile Instant last;

        int kept() {
            return ring.size() + odd.size();
        }
    }

    private final Map<String, Product> products = new ConcurrentHashMap<>();
    /** The product of the latest trade, as it came and canonical. */
    private String lastRaw;
    private String lastId;
    private Product lastProduct;
    private long duplicates;
    private final List<String> duplicateExamples = new ArrayList<>();

    /**
     * A market_trades event's trades: hundreds a frame, a few frames a second. The work is per trade, in
     * {@link #add(Event.Trade)}, and the loop over them is cut in runs of {@link #RUN}: methods called that often
     * compile within seconds, where a loop entered a few times a second ran interpreted for ~20 s (see
     * {@code Verifier.turn}).
     */
    void add(Event.MarketTrades event) {
        List<Event.Trade> trades = event.trades();
        for (int i = 0; i < trades.size(); i += RUN) {
            addRun(trades, i, Math.min(trades.size(), i + RUN));
        }
    }

    private static final int RUN = 32;

    private void addRun(List<Event.Trade> trades, int from, int to) {
        for (int i = from; i < to; i++) {
            add(trades.get(i));
        }
    }

    private void add(Event.Trade t) {
        if (t.tradeId() == null || t.productId() == null || t.time() == null) {
            return; // the schema check names it; nothing here to match on
        }
        if (!t.productId().equals(lastRaw)) { // a frame's trades are mostly one product's
            lastRaw = t.productId();
            lastId = ProductIds.canonical(lastRaw);
            lastProduct = products.computeIfAbsent(lastId, k -> new Product());
        }
        Product p = lastProduct;
        p.delivered++;
        long number = FlatValues.plainNumber(t.tradeId());
        if (number >= 0 && p.ring.contains(number) || !p.odd.isEmpty() && p.odd.containsKey(t.tradeId())) {
            duplicates++;
            if (duplicateExamples.size() < EXAMPLES) {
                duplicateExamples.add(lastId + " " + t.tradeId());
            }
            return;
        }
        if (!p.ring.offer(number, t)) {
            p.odd.put(t.tradeId(), new Kept(t.tradeId(), t.price(), t.size(), t.side(), t.time()));
        }
        if (p.first == null || t.time().isBefore(p.first)) {
            p.first = t.time();
        }
        if (p.last == null || t.time().isAfter(p.last)) {
            p.last = t.time();
        }
        long now = FlatValues.fits(t.time()) ? FlatValues.nanos(t.time()) : p.nextSweep;
        if (now > p.nextSweep || p.kept() > MAX_KEPT) {
            p.nextSweep = now + 1_000_000_000L;
            forgetOld(p, now);
        }
    }

    private static void forgetOld(Product p, long latest) {
        long horizon = latest - KEEP.toNanos();
        while (p.ring.size() > 0 && (p.kept() > MAX_KEPT || p.ring.oldestTime() < horizon)) {
            p.forgottenThrough = Math.max(p.forgottenThrough, p.ring.removeOldest());
        }
        for (Iterator<Kept> it = p.odd.values().iterator(); it.hasNext(); ) {
            Kept k = it.next();
            long t = FlatValues.fits(k.time()) ? FlatValues.nanos(k.time()) : Long.MIN_VALUE;
            if (p.kept() <= MAX_KEPT && t >= horizon) {
                break;
            }
            p.forgottenThrough = Math.max(p.forgottenThrough, t);
            it.remove();
        }
    }

    Span span(String product) {
        Product p = products.get(product);
        Instant first = p == null ? null : p.first;
        Instant last = p == null ? null : p.last;
        return first == null || last == null ? null : new Span(first, last);
    }

    Kept find(String product, String tradeId) {
        Product p = products.get(product);
        if (p == null) {
            return null;
        }
        long number = FlatValues.plainNumber(tradeId);
        Kept k = number >= 0 ? p.ring.find(number) : null;
        return k != null ? k : p.odd.get(tradeId);
    }

    /**
     * Whether the window holds REST's trade with the same price, size and side as far as both state them (a figure
     * either leaves out is no difference): false also when that cannot be told without the whole trade.
     */
    boolean keptAlike(String product, TradeAuditor.RestTrade r) {
        Product p = products.get(product);
        long number = FlatValues.plainNumber(r.id());
        return p != null && number >= 0 && p.ring.alike(number, r);
    }

    /** True when trades at {@code time} may have been let go from the window. */
    boolean forgotten(String product, Instant time) {
        Product p = products.get(product);
        return p != null && p.forgottenThrough != Long.MIN_VALUE
                && (FlatValues.fits(time) ? FlatValues.nanos(time) <= p.forgottenThrough : time.getEpochSecond() < 0);
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
