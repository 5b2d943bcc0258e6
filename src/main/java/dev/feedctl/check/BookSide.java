package dev.feedctl.check;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One side of a level2 book in primitive arrays, kept in order with the best level last: each price as a long at one
 * scale for the side (negated for offers, so both sides keep their best at the high end), the scale it came with (so
 * it reads back as the socket wrote it) and its size {@link FlatValues#pack packed}. The levels sit in the middle of
 * the arrays with room at both ends, so a change near the best level and a snapshot read best first both shift
 * little. A binary search per change, where a TreeMap of decimals made entries and compared decimals on the judging
 * thread. A figure that does not fit moves the side into a TreeMap for good: exact either way.
 */
final class BookSide {

    private static final long[] TENS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};

    private final boolean bid;
    private long[] keys = new long[64];
    private byte[] scales = new byte[64];
    private long[] sizes = new long[64];
    /** The levels are at [lo, hi). */
    private int lo = 32;
    private int hi = 32;
    /** The scale of every key. */
    private int scale;
    /** Non-null once a figure did not fit: the side as decimals from then on. */
    private TreeMap<BigDecimal, BigDecimal> whole;
    /** The size the latest {@link #set} replaced, when the side is whole. */
    private BigDecimal wholeBefore;

    BookSide(boolean bid) {
        this.bid = bid;
    }

    /**
     * Sets the level at {@code price} to {@code size} (zero: removes it), {@code packedPrice} and {@code packedSize}
     * being their {@link FlatValues#pack}; returns the size the level had, packed ({@link FlatValues#NO_LEVEL} when
     * there was none, {@link FlatValues#UNFIT} when it does not pack: then {@link #before} has it). As a TreeMap's
     * put, a level that stays keeps the price it was first written with.
     */
    long set(BigDecimal price, long packedPrice, BigDecimal size, long packedSize) {
        if (whole == null && (packedPrice < 0 || packedSize == FlatValues.UNFIT || !fits(packedPrice))) {
            becomeWhole();
        }
        if (whole != null) {
            wholeBefore = size.signum() == 0 ? whole.remove(price) : whole.put(price, size);
            return FlatValues.pack(wholeBefore);
        }
        long key = key(packedPrice);
        int at = find(key);
        if (at < hi && keys[at] == key) {
            long before = sizes[at];
            if (size.signum() == 0) {
                remove(at);
            } else {
                sizes[at] = packedSize;
            }
            return before;
        }
        if (size.signum() != 0) {
            insert(at, key, FlatValues.packedScale(packedPrice), packedSize);
        }
        return FlatValues.NO_LEVEL;
    }

    /** The size {@link #set} returned packed: null for no level. */
    BigDecimal before(long packed) {
        return packed == FlatValues.UNFIT ? wholeBefore : FlatValues.unpack(packed);
    }

    /** Whether a packed price can be a key at this side's scale, rescaling the side when it has more decimals. */
    private boolean fits(long packedPrice) {
        int s = FlatValues.packedScale(packedPrice);
        if (s >= TENS.length) {
            return false;
        }
        if (s > scale) {
            long f = TENS[s - scale];
            for (int i = lo; i < hi; i++) {
                if (Math.abs(keys[i]) > Long.MAX_VALUE / f) {
                    return false;
                }
            }
            for (int i = lo; i < hi; i++) {
                keys[i] *= f;
            }
            scale = s;
        }
        long u = FlatValues.packedUnscaled(packedPrice);
        return u <= Long.MAX_VALUE / TENS[scale - s];
    }

    private long key(long packedPrice) {
        int s = FlatValues.packedScale(packedPrice);
        long v = s <= scale && scale - s < TENS.length ? FlatValues.packedUnscaled(packedPrice) * TENS[scale - s] : 0;
        return bid ? v : -v;
    }

    /** The first index in [lo, hi) whose key is not below {@code key}. */
    private int find(long key) {
        int a = lo;
        int b = hi;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (keys[m] < key) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    private void insert(int at, long key, int priceScale, long size) {
        if (lo == 0 && hi == keys.length) {
            grow();
            at += lo; // the levels were at [0, length), now at [lo, hi)
        }
        boolean down = lo > 0 && (at - lo < hi - at || hi == keys.length);
        if (down) { // the levels below `at` move one down
            move(lo, lo - 1, at - lo);
            lo--;
            at--;
        } else {
            move(at, at + 1, hi - at);
            hi++;
        }
        keys[at] = key;
        scales[at] = (byte) priceScale;
        sizes[at] = size;
    }

    private void remove(int at) {
        if (at - lo < hi - at) {
            move(lo, lo + 1, at - lo);
            lo++;
        } else {
            move(at + 1, at, hi - at - 1);
            hi--;
        }
    }

    private void move(int from, int to, int n) {
        System.arraycopy(keys, from, keys, to, n);
        System.arraycopy(scales, from, scales, to, n);
        System.arraycopy(sizes, from, sizes, to, n);
    }

    /** Twice the room, the levels in the middle again. */
    private void grow() {
        int n = hi - lo;
        int cap = keys.length * 2;
        int start = (cap - n) / 2;
        long[] k = new long[cap];
        byte[] sc = new byte[cap];
        long[] sz = new long[cap];
        System.arraycopy(keys, lo, k, start, n);
        System.arraycopy(scales, lo, sc, start, n);
        System.arraycopy(sizes, lo, sz, start, n);
        keys = k;
        scales = sc;
        sizes = sz;
        lo = start;
        hi = start + n;
    }

    private void becomeWhole() {
        whole = new TreeMap<>();
        for (int i = lo; i < hi; i++) {
            whole.put(price(i), FlatValues.unpack(sizes[i]));
        }
        keys = null;
        scales = null;
        sizes = null;
    }

    /** The price at index {@code i}, with the scale it came with. */
    private BigDecimal price(int i) {
        long v = bid ? keys[i] : -keys[i];
        return BigDecimal.valueOf(v / TENS[scale - scales[i]], scales[i]);
    }

    boolean isEmpty() {
        return whole == null ? hi == lo : whole.isEmpty();
    }

    /** The best price; only when not {@link #isEmpty}. */
    BigDecimal best() {
        return whole != null ? (bid ? whole.lastKey() : whole.firstKey()) : price(hi - 1);
    }

    /**
     * Whether this side's best price is at or beyond {@code asks}' best: the book is crossed. Both sides non-empty.
     * Compared as longs, made decimals only when the two scales cannot meet in a long.
     */
    boolean crosses(BookSide asks) {
        if (whole == null && asks.whole == null) {
            long b = keys[hi - 1];
            long a = -asks.keys[asks.hi - 1];
            int d = scale - asks.scale;
            if (d == 0 || d > 0 && d < TENS.length && a <= Long.MAX_VALUE / TENS[d]) {
                return b >= a * TENS[Math.max(d, 0)];
            }
            if (d < 0 && -d < TENS.length && b <= Long.MAX_VALUE / TENS[-d]) {
                return b * TENS[-d] >= a;
            }
        }
        return best().compareTo(asks.best()) >= 0;
    }

    /** The size at {@code price}, or null. */
    BigDecimal get(BigDecimal price) {
        if (whole != null) {
            return whole.get(price);
        }
        BigDecimal atScale;
        try {
            atScale = price.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException moreDecimals) {
            return null; // a price no level of this side can have
        }
        if (atScale.unscaledValue().bitLength() > 63) {
            return null;
        }
        long v = atScale.unscaledValue().longValue();
        long key = bid ? v : -v;
        int at = find(key);
        return at < hi && keys[at] == key ? FlatValues.unpack(sizes[at]) : null;
    }

    /** The best {@code n} levels, best first. */
    List<SocketBook.Level> best(int n) {
        List<SocketBook.Level> out = new ArrayList<>();
        if (whole != null) {
            NavigableMap<BigDecimal, BigDecimal> order = bid ? whole.descendingMap() : whole;
            for (Map.Entry<BigDecimal, BigDecimal> e : order.entrySet()) {
                if (out.size() >= n) {
                    break;
                }
                out.add(new SocketBook.Level(e.getKey(), e.getValue()));
            }
            return out;
        }
        for (int i = hi - 1; i >= lo && out.size() < n; i--) {
            out.add(new SocketBook.Level(price(i), FlatValues.unpack(sizes[i])));
        }
        return out;
    }
}
