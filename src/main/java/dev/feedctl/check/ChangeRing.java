package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A level2 book's recent changes in arrival order, in primitive arrays (epoch nanos, side, price and both sizes as
 * unscaled long and scale): seconds of changes outlive many young collections, and arrays of longs are not traced,
 * where a deque of records, decimals and instants was copied at each one. A change whose figures do not fit is kept
 * whole in a side array, null everywhere else.
 */
final class ChangeRing {

    private long[] times = new long[256];
    private long[] prices = new long[256];
    private long[] befores = new long[256];
    private long[] afters = new long[256];
    /** Per change: price scale, before scale, after scale ({@link FlatValues#ABSENT}: no level). */
    private int[] scales = new int[3 * 256];
    private boolean[] bids = new boolean[256];
    private SocketBook.Change[] whole = new SocketBook.Change[256];
    private int head;
    private int count;

    void add(Instant time, boolean bid, BigDecimal price, BigDecimal before, BigDecimal after) {
        if (count == times.length) {
            grow();
        }
        int s = (head + count) & (times.length - 1);
        if (FlatValues.fits(time) && FlatValues.fits(price) && FlatValues.fits(before) && FlatValues.fits(after)) {
            times[s] = FlatValues.nanos(time);
            prices[s] = FlatValues.unscaled(price);
            befores[s] = FlatValues.unscaled(before);
            afters[s] = FlatValues.unscaled(after);
            scales[3 * s] = FlatValues.scale(price);
            scales[3 * s + 1] = FlatValues.scale(before);
            scales[3 * s + 2] = FlatValues.scale(after);
            bids[s] = bid;
            whole[s] = null;
        } else {
            times[s] = FlatValues.fits(time) ? FlatValues.nanos(time) : time.getEpochSecond() < 0 ? Long.MIN_VALUE
                    : Long.MAX_VALUE;
            whole[s] = new SocketBook.Change(time, bid, price, before, after);
        }
        count++;
    }

    private void grow() {
        int n = times.length * 2;
        long[] t = new long[n];
        long[] p = new long[n];
        long[] b = new long[n];
        long[] a = new long[n];
        int[] sc = new int[3 * n];
        boolean[] bd = new boolean[n];
        SocketBook.Change[] w = new SocketBook.Change[n];
        for (int i = 0; i < count; i++) {
            int from = slot(i);
            t[i] = times[from];
            p[i] = prices[from];
            b[i] = befores[from];
            a[i] = afters[from];
            System.arraycopy(scales, 3 * from, sc, 3 * i, 3);
            bd[i] = bids[from];
            w[i] = whole[from];
        }
        times = t;
        prices = p;
        befores = b;
        afters = a;
        scales = sc;
        bids = bd;
        whole = w;
        head = 0;
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
        return bids[s] == bid && (price == null || FlatValues.fits(price) && FlatValues.same(prices[s], scales[3 * s],
                FlatValues.unscaled(price), price.scale()));
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
        long u = prices[s];
        int scale = scales[3 * s];
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
        return new SocketBook.Change(FlatValues.instant(times[s]), bids[s], FlatValues.decimal(prices[s],
                scales[3 * s]), FlatValues.decimal(befores[s], scales[3 * s + 1]), FlatValues.decimal(afters[s],
                scales[3 * s + 2]));
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
