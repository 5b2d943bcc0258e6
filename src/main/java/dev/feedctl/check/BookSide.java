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
 * it reads back as the socket wrote it) and its size {@link FlatValues#pack packed}, in {@link LevelArrays}. A
 * binary search per change, where a TreeMap of decimals made entries and compared decimals on the judging
 * thread. A figure that does not fit moves the side into a TreeMap for good: exact either way.
 */
final class BookSide {

    private static final long[] TENS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L};

    /** The largest value each power of {@link #TENS} can scale without overflow: a look-up, not a division a change. */
    private static final long[] MOST_BEFORE = new long[TENS.length];

    static {
        for (int i = 0; i < TENS.length; i++) {
            MOST_BEFORE[i] = Long.MAX_VALUE / TENS[i];
        }
    }

    private final boolean bid;
    /** Null once the side is whole. */
    private LevelArrays levels = new LevelArrays();
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
        if (whole == null && packedPrice >= 0 && packedSize != FlatValues.UNFIT && fits(packedPrice)) {
            return setFlat(keyOf(packedPrice), packedPrice, packedSize);
        }
        if (whole == null) {
            becomeWhole();
        }
        wholeBefore = size.signum() == 0 ? whole.remove(price) : whole.put(price, size);
        return FlatValues.pack(wholeBefore);
    }

    /** {@link #set} of a level given only packed: decimals are made only when the side is (or becomes) whole. */
    long set(long packedPrice, long packedSize) {
        // the common case first, by hand (verify runs on C1, which inlines little): a price at the side's scale
        if (whole == null && (packedPrice & 127) == scale) {
            long v = packedPrice >>> 7;
            return setFlat(bid ? v : -v, packedPrice, packedSize);
        }
        if (whole == null && fits(packedPrice)) {
            return setFlat(keyOf(packedPrice), packedPrice, packedSize);
        }
        return set(FlatValues.unpack(packedPrice), packedPrice, FlatValues.unpack(packedSize), packedSize);
    }

    private long setFlat(long key, long packedPrice, long packedSize) {
        boolean remove = packedSize >>> 7 == 0; // FlatValues.packedUnscaled, by hand
        LevelArrays l = levels;
        int at = l.find(key);
        if (at < l.hi && l.keys[at] == key) {
            long before = l.sizes[at];
            if (remove) {
                l.remove(at);
            } else {
                l.sizes[at] = packedSize;
            }
            return before;
        }
        if (!remove) {
            l.insert(at, key, FlatValues.packedScale(packedPrice), packedSize);
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
            for (int i = levels.lo; i < levels.hi; i++) {
                if (Math.abs(levels.keys[i]) > Long.MAX_VALUE / f) {
                    return false;
                }
            }
            for (int i = levels.lo; i < levels.hi; i++) {
                levels.keys[i] *= f;
            }
            scale = s;
        }
        return FlatValues.packedUnscaled(packedPrice) <= MOST_BEFORE[scale - s];
    }

    private void becomeWhole() {
        whole = new TreeMap<>();
        for (int i = levels.lo; i < levels.hi; i++) {
            whole.put(price(i), FlatValues.unpack(levels.sizes[i]));
        }
        levels = null;
    }

    /** The price at index {@code i}, with the scale it came with. */
    private BigDecimal price(int i) {
        long v = bid ? levels.keys[i] : -levels.keys[i];
        return BigDecimal.valueOf(v / TENS[scale - levels.scales[i]], levels.scales[i]);
    }

    boolean isEmpty() {
        return whole == null ? levels.hi == levels.lo : whole.isEmpty();
    }

    /** The best price; only when not {@link #isEmpty}. */
    BigDecimal best() {
        return whole != null ? (bid ? whole.lastKey() : whole.firstKey()) : price(levels.hi - 1);
    }

    /**
     * Whether this side's best price is at or beyond {@code asks}' best: the book is crossed. Both sides non-empty.
     * Compared as longs, made decimals only when the two scales cannot meet in a long.
     */
    boolean crosses(BookSide asks) {
        if (whole == null && asks.whole == null) {
            long b = levels.keys[levels.hi - 1];
            long a = -asks.levels.keys[asks.levels.hi - 1];
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
        int at = levels.find(key);
        return at < levels.hi && levels.keys[at] == key ? FlatValues.unpack(levels.sizes[at]) : null;
    }

    /** The levels as keys when the side is not whole ({@link #keyOf}): null once it is. */
    LevelArrays flat() {
        return levels;
    }

    /**
     * A packed price as this side's key (the order {@link LevelArrays} keeps, best highest); {@link Long#MIN_VALUE}
     * when the side is whole or the price cannot be one of its keys (more decimals than the side's scale, too big):
     * never after {@link #fits} accepted it.
     */
    long keyOf(long packedPrice) {
        int s = FlatValues.packedScale(packedPrice);
        if (levels == null || packedPrice < 0 || s > scale || scale - s >= TENS.length
                || FlatValues.packedUnscaled(packedPrice) > MOST_BEFORE[scale - s]) {
            return Long.MIN_VALUE;
        }
        long v = FlatValues.packedUnscaled(packedPrice) * TENS[scale - s];
        return bid ? v : -v;
    }

    /** The level at index {@code i} of {@link #flat}, with the scale its price came with. */
    SocketBook.Level level(int i) {
        return new SocketBook.Level(price(i), FlatValues.unpack(levels.sizes[i]));
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
        for (int i = levels.hi - 1; i >= levels.lo && out.size() < n; i--) {
            out.add(level(i));
        }
        return out;
    }
}
