package dev.feedctl.sim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulated matching engine: one seeded price walk per product that feeds both the socket and REST,
 * so the two sides agree by construction. Prices are kept in integer cents, sizes in 1e-8 units.
 */
final class Market {

    private static final Map<String, Long> BASE_CENTS = Map.of("BTC-USD", 6_890_000L, "ETH-USD", 340_000L,
            "SOL-USD", 15_000L, "DOGE-USD", 100L, "LTC-USD", 8_500L, "ETH-BTC", 500L);
    /** Trades kept per product for REST's ticker windows: minutes at the default rate, bounded at any rate. */
    static final int RECENT_TRADES = 20_000;

    /**
     * One match. {@code side} is the maker side, as Coinbase reports it. {@code book} is the change it made to the
     * product's book (null while nobody looks at that book); {@code bookSkipped} marks the one update the book-drift
     * fault loses upstream.
     */
    record Trade(long tradeId, String productId, long priceCents, long size, String side, Instant time,
                 List<SimBook.Level> book, boolean bookSkipped) {
    }

    /** A product's book as it stood at {@code time}, best levels first. */
    record BookView(List<SimBook.Level> bids, List<SimBook.Level> asks, Instant time) {
    }

    /** A product's state after its latest match; replaced whole, so readers never see half an update. */
    record Quote(long lastCents, long bidCents, long askCents, long openCents, long lowCents, long highCents,
                 long volume, long tradeId, Instant time) {
    }

    static final class Product {
        final String id;
        volatile Quote quote;
        private final ArrayDeque<Trade> recent = new ArrayDeque<>();

        Product(String id, Quote quote) {
            this.id = id;
            this.quote = quote;
        }

        /** Set on first look (a level2 subscribe or a REST product_book); from then on every match moves it. */
        SimBook book;
        Instant bookTime;

        synchronized List<Trade> recentTrades(int limit) {
            return trades(limit, Instant.MIN, Instant.MAX);
        }

        /** The newest {@code limit} trades with a time in [from, to), newest first, as REST's ticker answers. */
        synchronized List<Trade> trades(int limit, Instant from, Instant to) {
            List<Trade> out = new ArrayList<>(Math.min(limit, 128));
            var it = recent.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                Trade t = it.next();
                if (t.time().isBefore(from)) {
                    break;
                }
                if (t.time().isBefore(to)) {
                    out.add(t);
                }
            }
            return out;
        }

        synchronized void record(Trade t) {
            if (recent.size() == RECENT_TRADES) {
                recent.removeFirst();
            }
            recent.addLast(t);
        }
    }

    private final SplittableRandom random;
    private final Clock clock;
    private final Fault.QuietProduct quiet;
    private final Fault.BookDrift drift;
    private Product driftProduct;
    private final long startNanos = System.nanoTime();
    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final List<Product> active = new CopyOnWriteArrayList<>();
    private long nextTradeId = 995_098_663L;
    private int roundRobin;

    Market(long seed, Clock clock, Faults faults) {
        this.random = new SplittableRandom(seed);
        this.clock = clock;
        this.quiet = faults.find(Fault.QuietProduct.class).orElse(null);
        this.drift = faults.find(Fault.BookDrift.class).orElse(null);
    }

    /** The products this market lists (REST catalogue), whether or not anyone traded them yet. */
    static List<String> listedIds() {
        return BASE_CENTS.keySet().stream().sorted().toList();
    }

    static boolean isProductId(String id) {
        return dev.feedctl.protocol.ProductIds.isWellFormed(id);
    }

    /** The product, created (and added to the trading round) on first use. */
    Product product(String id) {
        Product p = products.get(id);
        if (p != null) {
            return p;
        }
        synchronized (this) {
            return products.computeIfAbsent(id, this::open);
        }
    }

    private Product open(String id) {
        long base = BASE_CENTS.getOrDefault(id, 1_000L + Math.floorMod(id.hashCode(), 99_000));
        Product p = new Product(id, new Quote(base, base - 1, base + 1, base, base, base, 0, 0, clock.instant()));
        active.add(p);
        return p;
    }

    /** Makes one match on the next product in turn; null when no product trades yet. */
    synchronized Trade step() {
        if (active.isEmpty()) {
            return null;
        }
        Product p = active.get(Math.floorMod(roundRobin++, active.size()));
        return isQuiet(p) ? null : step(p);
    }

    private boolean isQuiet(Product p) {
        return quiet != null && p.id.equals(quiet.product() == null ? active.get(0).id : quiet.product())
                && System.nanoTime() - startNanos > quiet.after().toNanos();
    }

    private Trade step(Product p) {
        Quote q = p.quote;
        long move = Math.round(random.nextGaussian() * Math.max(1, q.lastCents / 20_000));
        long price = Math.max(1, q.lastCents + move);
        long size = 1 + random.nextLong(5_000_000L);
        String side = random.nextBoolean() ? "BUY" : "SELL";
        Instant now = clock.instant();
        long id = nextTradeId++;
        Trade t = moveBook(p, new Trade(id, p.id, price, size, side, now, null, false), q.lastCents);
        p.quote = new Quote(price, price - 1, price + 1, q.openCents, Math.min(q.lowCents, price),
                Math.max(q.highCents, price), q.volume + size, t.tradeId, now);
        p.record(t);
        return t;
    }

    /**
     * The match with the change it made to the product's book, when someone looks at that book. The book-drift fault
     * loses one such update upstream and rests the book, so the loss stays visible to whoever compares the socket's
     * book with REST's; it picks a move shorter than the book's depth, so the level the rested book restates later is
     * one the socket's older book holds too (the drift shows as levels of another size, never as a crossed book).
     */
    private Trade moveBook(Product p, Trade t, long lastCents) {
        if (p.book == null) {
            return t;
        }
        boolean resting = p.book.frozen;
        List<SimBook.Level> change = p.book.move(t.priceCents() - 1, t.priceCents() + 1, t.tradeId(), t.size());
        boolean skipped = false;
        if (!resting) {
            p.bookTime = t.time();
            skipped = drift != null && p == driftProduct && System.nanoTime() - startNanos > drift.after().toNanos()
                    && Math.abs(t.priceCents() - lastCents) < SimBook.DEPTH;
            p.book.frozen = skipped;
        }
        return new Trade(t.tradeId(), t.productId(), t.priceCents(), t.size(), t.side(), t.time(), change, skipped);
    }

    /** The product's book, opened around its quote on first look. */
    synchronized BookView book(Product p, int depth) {
        if (p.book == null) {
            Quote q = p.quote;
            p.book = new SimBook(q.bidCents(), q.askCents());
            p.bookTime = q.time();
            if (driftProduct == null) {
                driftProduct = p;
            }
        }
        return new BookView(p.book.top(true, depth), p.book.top(false, depth), p.bookTime);
    }

    static String cents(long c) {
        StringBuilder sb = new StringBuilder(16);
        appendCents(sb, c);
        return sb.toString();
    }

    /** Cents as the feed writes decimals: minimal, trailing zeros trimmed ("83261", "2665.8", "0.07"). */
    static void appendCents(StringBuilder sb, long c) {
        appendTrimmed(sb, c, 100, 2);
    }

    /** Size units (1e-8) as minimal decimal text ("3", "0.024", "0.00000001"). */
    static void appendSize(StringBuilder sb, long units) {
        appendTrimmed(sb, units, 100_000_000L, 8);
    }

    private static void appendTrimmed(StringBuilder sb, long value, long unit, int digits) {
        sb.append(value / unit);
        appendFraction(sb, value % unit, digits);
    }

    /**
     * A fraction of {@code digits} decimal places as the feed (Go) writes it: trailing zeros trimmed, nothing at all
     * when it is zero. Decimals and timestamps share it.
     */
    static void appendFraction(StringBuilder sb, long frac, int digits) {
        if (frac == 0) {
            return;
        }
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        sb.append('.');
        String f = Long.toString(frac);
        for (int i = f.length(); i < digits; i++) {
            sb.append('0');
        }
        sb.append(f);
    }

    static String size(long units) {
        StringBuilder sb = new StringBuilder(20);
        appendSize(sb, units);
        return sb.toString();
    }
}
