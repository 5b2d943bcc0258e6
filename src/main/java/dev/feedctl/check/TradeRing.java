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
    private int head;
    private int count;
    private final IdIndex index = new IdIndex();

    private static int side(String s) {
        for (int i = 0; i < SIDES.length; i++) {
            if (s == null ? SIDES[i] == null : s.equals(SIDES[i])) {
                return i;
            }
        }
        return -1;
    }

    boolean contains(long id) {
        return index.get(id) >= 0;
    }

    /**
     * Keeps the trade when the flat arrays can hold it exactly ({@code id} is its {@link FlatValues#plainNumber});
     * false, keeping nothing, when they cannot.
     */
    boolean offer(long id, Event.Trade t) {
        long price = FlatValues.pack(t.price());
        long size = FlatValues.pack(t.size());
        int side = side(t.side());
        if (id < 0 || !FlatValues.fits(t.time()) || price == FlatValues.UNFIT || size == FlatValues.UNFIT || side < 0) {
            return false;
        }
        if (count == ids.length) {
            grow();
        }
        int slot = (head + count) & (ids.length - 1);
        ids[slot] = id;
        times[slot] = FlatValues.nanos(t.time());
        prices[slot] = price;
        sizes[slot] = size;
        sides[slot] = (byte) side;
        index.put(id, slot);
        count++;
        return true;
    }

    private void grow() {
        int n = ids.length * 2;
        ids = unroll(ids, n);
        times = unroll(times, n);
        prices = unroll(prices, n);
        sizes = unroll(sizes, n);
        byte[] sd = new byte[n];
        for (int i = 0; i < count; i++) {
            sd[i] = sides[(head + i) & (sides.length - 1)];
        }
        sides = sd;
        head = 0;
        index.clear();
        for (int i = 0; i < count; i++) {
            index.put(ids[i], i);
        }
    }

    private long[] unroll(long[] a, int n) {
        long[] out = new long[n];
        for (int i = 0; i < count; i++) {
            out[i] = a[(head + i) & (a.length - 1)];
        }
        return out;
    }

    int size() {
        return count;
    }

    /** The oldest kept trade's time (epoch nanos); only when {@link #size} is not 0. */
    long oldestTime() {
        return times[head];
    }

    /** Lets the oldest kept trade go; returns its time (epoch nanos). */
    long removeOldest() {
        long t = times[head];
        index.remove(ids[head]);
        head = (head + 1) & (ids.length - 1);
        count--;
        return t;
    }

    /** Whether the trade with this id is kept and agrees with these figures where both state them. */
    boolean alike(long id, BigDecimal price, BigDecimal size, String side) {
        int slot = index.get(id);
        return slot >= 0 && alike(prices[slot], price) && alike(sizes[slot], size)
                && (side == null || sides[slot] == 0 || side.equalsIgnoreCase(SIDES[sides[slot]]));
    }

    private static boolean alike(long packed, BigDecimal other) {
        if (other == null || packed == FlatValues.NO_LEVEL) {
            return true;
        }
        return FlatValues.fits(other) && FlatValues.same(FlatValues.packedUnscaled(packed), FlatValues.packedScale(
                packed), FlatValues.unscaled(other), other.scale());
    }

    /** The kept trade with this id, rebuilt as the socket said it; null when it is not kept. */
    TradeTape.Kept find(long id) {
        int slot = index.get(id);
        if (slot < 0) {
            return null;
        }
        return new TradeTape.Kept(Long.toString(id), FlatValues.unpack(prices[slot]),
                FlatValues.unpack(sizes[slot]), SIDES[sides[slot]],
                FlatValues.instant(times[slot]));
    }
}
