package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A level2 book's recent changes in arrival order, in four primitive arrays (epoch nanos, price with the side in a
 * spare bit, both sizes {@link FlatValues#pack packed}): seconds of changes outlive many young collections, and
 * arrays of longs are not traced, where a deque of records, decimals and instants was copied at each one. They grow
 * by half, not double, as they are most of what a long tail keeps. A change whose figures do not pack is kept whole
 * in a map by its number, its price slot marked {@link #WHOLE}.
 */
final class ChangeRing {

    /** Packed prices stay below 2^61 (16 digits, 7 bits of scale): this bit says the change is on the bid side. */
    private static final long BID = 1L << 62;
    private static final long WHOLE = -2;

    private long[] times = new long[256];
    private long[] prices = new long[256];
    private long[] befores = new long[256];
    private long[] afters = new long[256];
    /** The changes that did not pack, by their number since the ring began. */
    private final Map<Long, SocketBook.Change> whole = new HashMap<>();
    private long dropped;
    private int head;
    private int count;

    /** A change whose time {@link FlatValues#fits} and whose figures packed ({@link FlatValues#NO_LEVEL}: absent). */
    void add(long time, boolean bid, long price, long before, long after) {
        if (count == times.length) {
            grow();
        }
        int s = head + count++; // slot(count), by hand: once a level2 change, and C1 would not inline it here
        if (s >= times.length) {
            s -= times.length;
        }
        times[s] = time;
        prices[s] = bid ? price | BID : price;
        befores[s] = before;
        afters[s] = after;
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
        whole.put(dropped + count, new SocketBook.Change(time, bid, price, before, after));
        int s = next();
        times[s] = FlatValues.fits(time) ? FlatValues.nanos(time) : time.getEpochSecond() < 0 ? Long.MIN_VALUE
                : Long.MAX_VALUE;
        prices[s] = WHOLE;
    }

    /** The slot of a new newest change. */
    private int next() {
        if (count == times.length) {
            grow();
        }
        return slot(count++);
    }

    private void grow() {
        // by half, and never past what the book keeps (a ring of 50,001 grown to 74,724 left 24,723 slots unused)
        int n = Math.min(times.length + times.length / 2, SocketBook.MAX_CHANGES + 1);
        if (n <= count) { // past the bound within one event (swept after it): room for the rest of a big event at once
            n = count + Math.max(64, count / 16);
        }
        times = unroll(times, n);
        prices = unroll(prices, n);
        befores = unroll(befores, n);
        afters = unroll(afters, n);
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
        int s = head + i;
        return s >= times.length ? s - times.length : s;
    }

    /** The change kept whole at slot {@code s}, or null. */
    private SocketBook.Change whole(int s) {
        return prices[s] != WHOLE ? null : whole.get(dropped + (s >= head ? s - head : s + times.length - head));
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
        SocketBook.Change c = whole(s);
        if (c != null) {
            return c.bid() == bid && (price == null || c.price().compareTo(price) == 0);
        }
        if ((prices[s] & BID) != 0 != bid || price == null) {
            return (prices[s] & BID) != 0 == bid;
        }
        long mine = prices[s] & ~BID;
        long p = FlatValues.pack(price);
        if (p < 0) { // a price with more digits than any packed one can still equal one: "1.50000000000000000"
            return FlatValues.unpack(mine).compareTo(price) == 0;
        }
        return FlatValues.same(FlatValues.packedUnscaled(mine), FlatValues.packedScale(mine),
                FlatValues.packedUnscaled(p), FlatValues.packedScale(p));
    }

    /**
     * A key for the {@code i}th change's price, one for "100.10" and "100.1" alike, so a rewind can skip prices it
     * has already taken without making them; -1 when there is none (the change is rebuilt to be compared).
     */
    long priceKey(int i) {
        int s = slot(i);
        if (prices[s] == WHOLE) {
            return -1;
        }
        long u = FlatValues.packedUnscaled(prices[s] & ~BID);
        int scale = FlatValues.packedScale(prices[s]);
        while (scale > 0 && u != 0 && u % 10 == 0) {
            u /= 10;
            scale--;
        }
        return u >= 0 && u < 1L << 56 && scale >= 0 && scale < 128 ? u << 7 | scale : -1;
    }

    /** The {@code i}th change's price packed, -1 when it was kept whole. */
    long packedPrice(int i) {
        long p = prices[slot(i)];
        return p == WHOLE ? -1 : p & ~BID;
    }

    /** Whether the {@code i}th change is on the bid side; only for a change {@link #packedPrice} has. */
    boolean bid(int i) {
        return (prices[slot(i)] & BID) != 0;
    }

    /** The {@code i}th change's size before it, packed ({@link FlatValues#NO_LEVEL}: absent); as {@link #bid}. */
    long before(int i) {
        return befores[slot(i)];
    }

    /** The {@code i}th change, 0 the oldest, rebuilt. */
    SocketBook.Change get(int i) {
        int s = slot(i);
        SocketBook.Change c = whole(s);
        if (c != null) {
            return c;
        }
        return new SocketBook.Change(FlatValues.instant(times[s]), (prices[s] & BID) != 0, FlatValues.unpack(
                prices[s] & ~BID), FlatValues.unpack(befores[s]), FlatValues.unpack(afters[s]));
    }

    /**
     * Lets the oldest {@code n} changes go at once (a busy book sheds a few every event); returns the latest of their
     * times (epoch nanos), {@link Long#MIN_VALUE} for none.
     */
    long removeFirst(int n) {
        long latest = Long.MIN_VALUE;
        boolean anyWhole = !whole.isEmpty();
        for (int i = 0, s = head; i < n; i++) {
            latest = Math.max(latest, times[s]);
            if (anyWhole && prices[s] == WHOLE) {
                whole.remove(dropped + i);
            }
            s = s + 1 == times.length ? 0 : s + 1;
        }
        head = slot(n);
        count -= n;
        dropped += n;
        return latest;
    }

    /**
     * How many of the oldest changes to let go so that at most {@code most} are kept and none older than
     * {@code horizon} (epoch nanos) is: the oldest first, in arrival order, as one would let them go one by one.
     */
    int toForget(int most, long horizon) {
        int n = Math.max(0, count - most);
        for (int s = slot(n); n < count && times[s] < horizon; n++) {
            s = s + 1 == times.length ? 0 : s + 1;
        }
        return n;
    }
}
