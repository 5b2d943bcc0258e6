package dev.feedctl.transport;

import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ProductIds;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a long-running feed received per product, across reconnects: last price and its tick direction, 24 h change,
 * best bid and ask, when it last changed, updates per second, gaps and staleness. Only what the socket delivered:
 * what REST says of it is the REST check's ({@code check/RestVerdicts}), how it is ordered and shown the view's.
 * Thread-safe: the shards write, the view reads.
 */
public final class PriceBoard {

    /** A price update as it goes out on the stream: one per product per data event. */
    public record Update(String product, BigDecimal price, BigDecimal bid, BigDecimal ask, Instant exchangeTime,
                         Instant receivedAt, Long sequence, long connection, String channel) {
    }

    /**
     * A product at one moment. {@code direction}: 1 up-tick, -1 down-tick, 0 unchanged or unknown. {@code lastAt}: the
     * exchange's time of the last update (its arrival when the exchange gave none), the start before any.
     */
    public record Row(String product, BigDecimal price, int direction, BigDecimal change24h, BigDecimal bid,
                      BigDecimal ask, Double spreadBps, Duration age, long perSecond, long updates, long gaps,
                      boolean stale, Instant lastAt) {
    }

    private static final class State {
        BigDecimal price;
        int direction;
        BigDecimal change24h;
        BigDecimal bid;
        BigDecimal ask;
        Instant updatedAt;
        Instant exchangeAt;
        long updates;
        long second;
        long thisSecond;
        long lastSecond;
        long gaps;
        boolean stale;
        /** The level2 book, when level2 is subscribed: price level to quantity. */
        java.util.TreeMap<BigDecimal, BigDecimal> bids;
        java.util.TreeMap<BigDecimal, BigDecimal> asks;
        boolean lastFromTrades;
    }

    private final Map<String, State> rows = new LinkedHashMap<>();

    /** The products subscribed, counted from {@code start}: a product that never sends goes stale too. */
    public PriceBoard(List<String> products, Instant start) {
        for (String p : products) {
            State s = new State();
            s.updatedAt = start;
            rows.put(ProductIds.canonical(p), s);
        }
    }

    /**
     * Folds a valid data frame in and returns the price updates it carried (ticker, ticker_batch, market_trades).
     * A product that was stale and updates again is listed in {@code recovered}.
     */
    public synchronized List<Update> apply(Frame.Data d, Instant receivedAt, long connection, List<String> recovered) {
        List<Update> out = new ArrayList<>();
        for (Event e : d.events()) {
            if (e instanceof Event.Tickers t) {
                for (Event.Ticker tk : t.tickers()) {
                    update(tk.productId(), tk.price(), tk.bestBid(), tk.bestAsk(), tk.pricePercentChange24h(), d,
                            receivedAt, connection, out, recovered);
                }
            } else if (e instanceof Event.L2 l2 && l2.productId() != null) {
                book(l2, d, receivedAt, connection, out, recovered);
            } else if (e instanceof Event.MarketTrades mt) {
                Map<String, Event.Trade> last = new LinkedHashMap<>();
                mt.trades().forEach(tr -> last.merge(tr.productId(), tr, (a, b) -> later(a, b)));
                last.values().forEach(tr -> update(tr.productId(), tr.price(), null, null, null, d, receivedAt,
                        connection, out, recovered));
            }
        }
        return out;
    }

    /** A level2 snapshot replaces the book, an update changes levels (quantity zero removes one). */
    private void book(Event.L2 l2, Frame.Data d, Instant at, long connection, List<Update> out, List<String> recovered) {
        State s = rows.get(ProductIds.canonical(l2.productId()));
        if (s == null) {
            return;
        }
        if (s.bids == null || "snapshot".equals(l2.type())) {
            s.bids = new java.util.TreeMap<>();
            s.asks = new java.util.TreeMap<>();
        }
        for (Event.L2Update u : l2.updates()) {
            if (u.side() == null || u.priceLevel() == null || u.newQuantity() == null) {
                continue;
            }
            var side = u.side() == Event.Side.BID ? s.bids : s.asks;
            if (u.newQuantity().signum() == 0) {
                side.remove(u.priceLevel());
            } else {
                side.put(u.priceLevel(), u.newQuantity());
            }
        }
        BigDecimal bid = s.bids.isEmpty() ? null : s.bids.lastKey();
        BigDecimal ask = s.asks.isEmpty() ? null : s.asks.firstKey();
        BigDecimal mid = bid == null || ask == null ? null
                : bid.add(ask).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64).stripTrailingZeros();
        // the price shown is the mid of the book's best levels when no ticker or trade gives a last price
        update(l2.productId(), s.price != null && s.lastFromTrades ? s.price : mid, bid, ask, null, d, at,
                connection, out, recovered);
    }

    private static Event.Trade later(Event.Trade a, Event.Trade b) {
        return a.time() != null && b.time() != null && a.time().isAfter(b.time()) ? a : b;
    }

    private void update(String product, BigDecimal price, BigDecimal bid, BigDecimal ask, BigDecimal change,
                        Frame.Data d, Instant at, long connection, List<Update> out, List<String> recovered) {
        if (product == null || price == null) {
            return;
        }
        String id = ProductIds.canonical(product);
        State s = rows.get(id);
        if (s == null) {
            return; // not subscribed: the ledger names it; the board keeps state only for what was asked for
        }
        if (!Channels.L2_DATA.equals(d.channel())) {
            s.lastFromTrades = true;
        }
        if (s.price != null) {
            int c = price.compareTo(s.price);
            s.direction = c == 0 ? s.direction : Integer.signum(c);
        }
        s.price = price;
        if (bid != null) {
            s.bid = bid;
        }
        if (ask != null) {
            s.ask = ask;
        }
        if (change != null) {
            s.change24h = change;
        }
        s.updatedAt = at;
        s.exchangeAt = d.timestamp() != null ? d.timestamp() : at;
        s.updates++;
        long sec = at.getEpochSecond();
        if (sec != s.second) {
            s.lastSecond = sec == s.second + 1 ? s.thisSecond : 0;
            s.thisSecond = 0;
            s.second = sec;
        }
        s.thisSecond++;
        if (s.stale) {
            s.stale = false;
            recovered.add(id);
        }
        out.add(new Update(id, price, bid, ask, d.timestamp(), at, d.sequenceNum(), connection, d.channel()));
    }

    /** Products that have just gone stale (older than {@code maxStaleness} at {@code now}). */
    public synchronized List<String> newlyStale(Instant now, Duration maxStaleness) {
        List<String> out = new ArrayList<>();
        rows.forEach((id, s) -> {
            if (!s.stale && Duration.between(s.updatedAt, now).compareTo(maxStaleness) > 0) {
                s.stale = true;
                out.add(id);
            }
        });
        return out;
    }

    /** A sequence gap on a connection counts against every product it carries. */
    public synchronized void gap(List<String> products) {
        products.forEach(p -> {
            State s = rows.get(ProductIds.canonical(p));
            if (s != null) {
                s.gaps++;
            }
        });
    }

    /** Every product at {@code now}, by product id. */
    public synchronized List<Row> rows(Instant now) {
        List<Row> out = new ArrayList<>();
        rows.forEach((id, s) -> out.add(row(id, s, now)));
        out.sort(Comparator.comparing(Row::product));
        return out;
    }

    /** One product at {@code now}; null when it is not subscribed. */
    public synchronized Row row(String product, Instant now) {
        String id = ProductIds.canonical(product);
        State s = rows.get(id);
        return s == null ? null : row(id, s, now);
    }

    private static Row row(String id, State s, Instant now) {
        long sec = now.getEpochSecond();
        long rate = s.second == sec ? s.lastSecond : s.second == sec - 1 ? s.thisSecond : 0;
        Double spread = s.bid == null || s.ask == null || s.bid.signum() <= 0 ? null
                : dev.feedctl.protocol.DecimalsAndTimes.approx(s.ask.subtract(s.bid).divide(s.ask.add(s.bid).divide(
                BigDecimal.valueOf(2), MathContext.DECIMAL64), MathContext.DECIMAL64)) * 10_000;
        Duration age = Duration.between(s.updatedAt, now);
        return new Row(id, s.price, s.direction, s.change24h, s.bid, s.ask, spread,
                age.isNegative() ? Duration.ZERO : age, rate, s.updates, s.gaps, s.stale,
                s.exchangeAt != null ? s.exchangeAt : s.updatedAt);
    }

    public synchronized List<String> products() {
        return List.copyOf(rows.keySet());
    }
}
