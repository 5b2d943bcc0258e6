package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;

/**
 * One product's kept trades in arrival order, in primitive arrays (id, epoch nanos, price and size
 * {@link FlatValues#pack packed}, side as a code) with an {@link IdIndex} over them: the window outlives many young collections, and
 * arrays of longs are not traced, where a map of records, strings, decimals and instants was copied at each one.
 * Holds only trades {@link #offer} accepts; the tape keeps the others as objects.
 */
final class TradeRing {

    private static final String[] SIDES = {null, "BUY", "SELL"};

    private long[] ids = new long[1024];
    private long[] times = new long[1024];
    private long[] prices = new long[1024];
    private long[] sizes = new long[1024];
    private byte[] sides = new byte[1024];
    /**
     * The oldest kept trade's position: every trade kept gets the next position, and sits at its position modulo the
     * capacity. The index maps ids to positions, not slots, so growing the arrays moves no index entry.
     */
    private int first;
    private int count;
    private final IdIndex index = new IdIndex();

    TradeRing() {
        this(0);
    }

    /** A ring whose first trade takes {@code firstPosition} (tests start one near 2^31, where positions wrap). */
    TradeRing(int firstPosition) {
        this.first = firstPosition;
    }

    /** The code of a side in {@link #SIDES}; -1 for any other text. Written out, not a loop: once a trade, on C1. */
    private static int side(String s) {
        return s == null ? 0 : "BUY".equals(s) ? 1 : "SELL".equals(s) ? 2 : -1;
    }

    /** The slot of a position (positions wrap past 2^31; the capacity divides 2^31, so slots still agree). */
    private int slot(int position) {
        return position & (ids.length - 1);
    }

    boolean contains(long id) {
        return index.get(id) >= 0;
    }

    /**
     * Keeps the trade when the flat arrays can hold it exactly ({@code id} is its {@link FlatValues#plainNumber});
     * false, keeping nothing, when they cannot.
     */
    boolean offer(long id, Event.Trade t) {
        long price = t.packedPrice(); // packed by the decoder as it read the digits
        long size = t.packedSize();
        int side = side(t.side());
        if (id < 0 || !FlatValues.fits(t.time()) || price == FlatValues.UNFIT || size == FlatValues.UNFIT || side < 0) {
            return false;
        }
        if (count == ids.length) {
            grow();
        }
        int position = first + count;
        int slot = slot(position);
        ids[slot] = id;
        times[slot] = FlatValues.nanos(t.time());
        prices[slot] = price;
        sizes[slot] = size;
        sides[slot] = (byte) side;
        index.put(id, position & Integer.MAX_VALUE); // the index's answers are never negative
        count++;
        return true;
    }

    /**
     * Twice the room. Each kept trade moves to its position modulo the new capacity, in at most three runs of
     * {@link System#arraycopy}: a loop over the trades ran interpreted (it runs too rarely to be compiled) and, with
     * the index rebuilt after it, was almost half the trades check's cost on the judging thread (profiled, 15 s).
     */
    private void grow() {
        int n = ids.length * 2;
        long[] i2 = new long[n];
        long[] t2 = new long[n];
        long[] p2 = new long[n];
        long[] s2 = new long[n];
        byte[] d2 = new byte[n];
        int position = first;
        for (int left = count; left > 0; ) {
            int from = slot(position);
            int to = position & (n - 1);
            int run = Math.min(left, Math.min(ids.length - from, n - to));
            System.arraycopy(ids, from, i2, to, run);
            System.arraycopy(times, from, t2, to, run);
            System.arraycopy(prices, from, p2, to, run);
            System.arraycopy(sizes, from, s2, to, run);
            System.arraycopy(sides, from, d2, to, run);
            position += run;
            left -= run;
        }
        ids = i2;
        times = t2;
        prices = p2;
        sizes = s2;
        sides = d2;
    }

    int size() {
        return count;
    }

    /** The oldest kept trade's time (epoch nanos); only when {@link #size} is not 0. */
    long oldestTime() {
        return times[slot(first)];
    }

    /** Lets the oldest kept trade go; returns its time (epoch nanos). */
    long removeOldest() {
        int slot = slot(first);
        long t = times[slot];
        index.remove(ids[slot]);
        first++;
        count--;
        return t;
    }

    /**
     * Whether the trade with this id is kept and agrees with REST's record of it where both state a figure: each figure
     * compared packed as the ring holds its own, or as a decimal where REST's text does not pack.
     */
    boolean alike(long id, TradeAuditor.RestTrade r) {
        int position = index.get(id);
        if (position < 0) {
            return false;
        }
        int slot = slot(position);
        return agrees(prices[slot], r.packedPrice(), r.priceText()) && agrees(sizes[slot], r.packedSize(), r.sizeText())
                && (r.side() == null || sides[slot] == 0 || r.side().equalsIgnoreCase(SIDES[sides[slot]]));
    }

    /** {@link FlatValues#NO_LEVEL} on either side: not stated, so not compared. */
    private static boolean agrees(long mine, long rest, String restText) {
        if (rest == FlatValues.NO_LEVEL || mine == FlatValues.NO_LEVEL || mine == rest) {
            return true;
        }
        if (rest != FlatValues.UNFIT) {
            return FlatValues.same(FlatValues.packedUnscaled(mine), FlatValues.packedScale(mine),
                    FlatValues.packedUnscaled(rest), FlatValues.packedScale(rest));
        }
        BigDecimal d = RestSampler.decimal(restText);
        return d == null || FlatValues.fits(d) && FlatValues.same(FlatValues.packedUnscaled(mine),
                FlatValues.packedScale(mine), FlatValues.unscaled(d), d.scale());
    }

    /** The kept trade with this id, rebuilt as the socket said it; null when it is not kept. */
    TradeTape.Kept find(long id) {
        int position = index.get(id);
        if (position < 0) {
            return null;
        }
        int slot = slot(position);
        return new TradeTape.Kept(Long.toString(id), FlatValues.unpack(prices[slot]),
                FlatValues.unpack(sizes[slot]), SIDES[sides[slot]],
                FlatValues.instant(times[slot]));
    }
}
