package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A level2 book's recent changes in arrival order, in primitive arrays (epoch nanos, side, price and both sizes
 * {@link FlatValues#pack packed}): seconds of changes outlive many young collections, and arrays of longs are not
 * traced, where a deque of records, decimals and instants was copied at each one. A change whose figures do not pack
 * is kept whole in a side array, null everywhere else.
 */
final class ChangeRing {

    private long[] times = new long[256];
    private long[] prices = new long[256];
    private long[] befores = new long[256];
    private long[] afters = new long[256];
    private boolean[] bids = new boolean[256];
    private SocketBook.Change[] whole = new SocketBook.Change[256];
    private int head;
    private int count;

    /** A change whose time {@link FlatValues#fits} and whose figures packed ({@link FlatValues#NO_LEVEL}: absent). */
    void add(long time, boolean bid, long price, long before, long after) {
        int s = next();
        times[s] = time;
        prices[s] = price;
        befores[s] = before;
        afters[s] = after;
        bids[s] = bid;
        whole[s] = null;
    }

    /** Any change: packed when its time and figures allow, else kept whole. */
    void add(Instant time, boolean bid, BigDecimal price, BigDecimal before, BigDecimal after) {
        long p = FlatValues.pack(price);
        long b = FlatValues.pack(before);
        long a = FlatValues.pack(after);
        if (FlatValues.fits(time) && p >= 0 && b != FlatValues.UNFIT && a != FlatValues.UNFIT) {
            add(FlatValues.nanos(time), bid, p, b, a);
            return;
        }
        int s = next();
        times[s] = FlatValues.fits(time) ? FlatValues.nanos(time) : time.getEpochSecond() < 0 ? Long.MIN_VALUE
                : Long.MAX_VALUE;
        whole[s] = new SocketBook.Change(time, bid, price, before, after);
    }

    /** The slot of a new newest change. */
    private int next() {
        if (count == times.length) {
            grow();
        }
        return (head + count++) & (times.length - 1);
    }

    private void grow() {
        int n = times.length * 2;
        times = unroll(times, n);
        prices = unroll(prices, n);
        befores = unroll(befores, n);
        afters = unroll(afters, n);
        boolean[] bd = new boolean[n];
        SocketBook.Change[] w = new SocketBook.Change[n];
        int tail = Math.min(count, bids.length - head);
        System.arraycopy(bids, head, bd, 0, tail);
        System.arraycopy(bids, 0, bd, tail, count - tail);
        System.arraycopy(whole, head, w, 0, tail);
        System.arraycopy(whole, 0, w, tail, count - tail);
        bids = bd;
        whole = w;
        head = 0;
    }

    private long[] unroll(long[] a, int n) {
        long[] out = new long[n];
        int tail = Math.min(count, a.length - head);
        System.arraycopy(a, head, out, 0, tail);
        System.arraycopy(a, 0, out, tail, count - tail);
        return out;
    }

    private int slot(int i) {
        return (head + i) & (times.length - 1);
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The time (epoch nanos) of the {@code i}th change, 0 the oldest. */
    long time(int i) {
        return times[slot(i)];
    }

    /**
     * Whether the {@code i}th change is on this side and, unless {@code price} is null, at this price: asked before
     * rebuilding a change, so a rewind over thousands of changes makes objects only for the ones it takes.
     */
    boolean on(int i, boolean bid, BigDecimal price) {
        int s = slot(i);
        if (whole[s] != null) {
            return whole[s].bid() == bid && (price == null || whole[s].price().compareTo(price) == 0);
        }
        if (bids[s] != bid || price == null) {
            return bids[s] == bid;
        }
        long p = FlatValues.pack(price);
        if (p < 0) { // a price with more digits than any packed one can still equal one: "1.50000000000000000"
            return FlatValues.unpack(prices[s]).compareTo(price) == 0;
        }
        return FlatValues.same(FlatValues.packedUnscaled(prices[s]), FlatValues.packedScale(prices[s]),
                FlatValues.packedUnscaled(p), FlatValues.packedScale(p));
    }

    /**
     * A key for the {@code i}th change's price, one for "100.10" and "100.1" alike, so a rewind can skip prices it
     * has already taken without making them; -1 when there is none (the change is rebuilt to be compared).
     */
    long priceKey(int i) {
        int s = slot(i);
        if (whole[s] != null) {
            return -1;
        }
        long u = FlatValues.packedUnscaled(prices[s]);
        int scale = FlatValues.packedScale(prices[s]);
        while (scale > 0 && u != 0 && u % 10 == 0) {
            u /= 10;
            scale--;
        }
        return u >= 0 && u < 1L << 56 && scale >= 0 && scale < 128 ? u << 7 | scale : -1;
    }

    /** The {@code i}th change, 0 the oldest, rebuilt. */
    SocketBook.Change get(int i) {
        int s = slot(i);
        if (whole[s] != null) {
            return whole[s];
        }
        return new SocketBook.Change(FlatValues.instant(times[s]), bids[s], FlatValues.unpack(prices[s]),
                FlatValues.unpack(befores[s]), FlatValues.unpack(afters[s]));
    }

    /** Lets the oldest change go; returns its time (epoch nanos). */
    long removeFirst() {
        long t = times[head];
        whole[head] = null;
        head = (head + 1) & (times.length - 1);
        count--;
        return t;
    }
}
