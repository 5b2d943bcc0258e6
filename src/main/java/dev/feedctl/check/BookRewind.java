package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * A socket book as it stood at an earlier moment: its changes since then undone, within what {@link SocketBook} still
 * keeps of them ({@link SocketBook.Book#rewindsTo}). What the book check compares with REST's book at REST's time.
 */
final class BookRewind {

    private BookRewind() {
    }

    /**
     * The best {@code depth} levels of a side as they stood at {@code at}; null when the book cannot be rewound that
     * far (no snapshot yet, or the changes needed were let go).
     */
    static List<SocketBook.Level> topAt(SocketBook.Book b, boolean bid, int depth, Instant at) {
        if (b == null || b.knownFrom == null || at.isBefore(b.rewindsTo())) {
            return null;
        }
        List<SocketBook.Level> flat = flatTopAt(b, bid, depth, at);
        if (flat != null) {
            return flat;
        }
        TreeMap<BigDecimal, SocketBook.Level> undone = undo(b, bid, at, null);
        // two lists already best first, merged: the levels undone (as they stood at `at`, absent ones skipped) and
        // the book's own levels that no change since touched. No sort: a sort here was one of the late C2 compiles
        // whose working memory showed as tail's RSS peaks (TimSort, +11 MB for seconds), and merging is linear.
        List<SocketBook.Level> mine = new ArrayList<>();
        for (SocketBook.Level l : (bid ? b.bids : b.asks).best(depth + undone.size())) {
            if (!undone.containsKey(l.price())) {
                mine.add(l);
            }
        }
        List<SocketBook.Level> out = new ArrayList<>(depth);
        Iterator<SocketBook.Level> then = (bid ? undone.descendingMap() : undone).values().iterator();
        SocketBook.Level u = nextHeld(then);
        int m = 0;
        while (out.size() < depth && (u != null || m < mine.size())) {
            if (u != null && (m == mine.size() || better(u.price(), mine.get(m).price(), bid))) {
                out.add(u);
                u = nextHeld(then);
            } else {
                out.add(mine.get(m++));
            }
        }
        return List.copyOf(out);
    }

    /**
     * {@link #topAt} in the side's own keys (longs): the prices changed since {@code at} found by key, their sizes
     * then packed, only the levels returned made as decimals. Null when a figure is not a key: a side or a change kept
     * as decimals, then the rewind is done in decimals. Its decimal version (TreeMaps, BigDecimal compares, a level
     * made per change) was the largest compile of an hour's tail --rest-check, late (minute 59, when this runs warm
     * enough): 4.8 KB of bytecode inlined, +16 MiB resident for seconds.
     */
    private static List<SocketBook.Level> flatTopAt(SocketBook.Book b, boolean bid, int depth, Instant at) {
        BookSide side = bid ? b.bids : b.asks;
        LevelArrays levels = side.flat();
        if (levels == null) {
            return null;
        }
        ChangeRing changes = b.changes;
        int from = firstAfter(changes, at);
        // per price changed since `at` (by its key, made non-negative for the index), the size before its first change
        IdIndex taken = IdIndex.hashed();
        long[] keys = new long[32];
        int[] firsts = new int[32];
        int n = 0;
        for (int i = from; i < changes.size(); i++) {
            long price = changes.packedPrice(i);
            if (price < 0) {
                return null;
            }
            if (changes.bid(i) != bid) {
                continue;
            }
            long key = side.keyOf(price);
            if (key == Long.MIN_VALUE) {
                return null;
            }
            long abs = bid ? key : -key;
            if (taken.get(abs) >= 0) {
                continue;
            }
            taken.put(abs, i);
            if (changes.before(i) == FlatValues.NO_LEVEL) {
                continue; // absent at `at`: nothing to show, only the book's own level to skip
            }
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                firsts = Arrays.copyOf(firsts, n * 2);
            }
            keys[n] = key;
            firsts[n++] = i;
        }
        List<SocketBook.Level> out = new ArrayList<>(depth);
        int m = levels.hi - 1; // the book's own levels, best first, skipping those changed since `at`
        int u = 0; // the undone levels that held a size, best first: selected as they are needed
        while (out.size() < depth) {
            while (m >= levels.lo && taken.get(bid ? levels.keys[m] : -levels.keys[m]) >= 0) {
                m--;
            }
            if (u < n) {
                int best = u;
                for (int j = u + 1; j < n; j++) {
                    best = keys[j] > keys[best] ? j : best;
                }
                long k = keys[best];
                int f = firsts[best];
                keys[best] = keys[u];
                firsts[best] = firsts[u];
                keys[u] = k;
                firsts[u] = f;
            }
            if (u < n && (m < levels.lo || keys[u] > levels.keys[m])) {
                out.add(new SocketBook.Level(FlatValues.unpack(changes.packedPrice(firsts[u])),
                        FlatValues.unpack(changes.before(firsts[u]))));
                u++;
            } else if (m >= levels.lo) {
                out.add(side.level(m--));
            } else {
                break;
            }
        }
        return List.copyOf(out);
    }

    /** The index of the first change after {@code at}: the changes' count when none is. */
    private static int firstAfter(ChangeRing changes, Instant at) {
        long after = FlatValues.fits(at) ? FlatValues.nanos(at) : at.getEpochSecond() < 0 ? Long.MIN_VALUE
                : Long.MAX_VALUE;
        int from = changes.size();
        while (from > 0 && changes.time(from - 1) > after) {
            from--;
        }
        return from;
    }

    /** The next level of {@code levels} that held a size; null when none is left. */
    private static SocketBook.Level nextHeld(Iterator<SocketBook.Level> levels) {
        while (levels.hasNext()) {
            SocketBook.Level l = levels.next();
            if (l.size() != null) {
                return l;
            }
        }
        return null;
    }

    /** Whether {@code x} is a better price than {@code y} on this side (prices of one side are never equal here). */
    private static boolean better(BigDecimal x, BigDecimal y, boolean bid) {
        int c = x.compareTo(y);
        return bid ? c > 0 : c < 0;
    }

    /** Per price of one side (or only {@code price}), its size at {@code at}: the changes after it undone. */
    private static TreeMap<BigDecimal, SocketBook.Level> undo(SocketBook.Book b, boolean bid, Instant at, BigDecimal price) {
        TreeMap<BigDecimal, SocketBook.Level> out = new TreeMap<>(); // compared, not equal: "100.10" and "100.1" are one level
        int from = firstAfter(b.changes, at);
        // oldest first: a price's size at `at` is the before of its first change after it; later ones are skipped
        // by key, unmade (a rewind spans thousands of changes over a few hundred prices)
        IdIndex taken = price == null ? IdIndex.hashed() : null;
        for (int i = from; i < b.changes.size(); i++) {
            if (!b.changes.on(i, bid, price)) {
                continue;
            }
            long key = taken == null ? -1 : b.changes.priceKey(i);
            if (key >= 0 && taken.get(key) >= 0) {
                continue;
            }
            if (key >= 0) {
                taken.put(key, i);
            }
            SocketBook.Change c = b.changes.get(i);
            out.putIfAbsent(c.price(), new SocketBook.Level(c.price(), c.before()));
        }
        return out;
    }

    /**
     * Whether the socket's level held {@code size} (null: absent) at some moment in [from, to]: a difference that
     * updates in flight across REST's lag explain.
     */
    static boolean heldWithin(SocketBook.Book b, boolean bid, BigDecimal price, BigDecimal size, Instant from,
                              Instant to) {
        if (b == null || b.knownFrom == null || from.isBefore(b.rewindsTo())) {
            return false;
        }
        SocketBook.Level atFrom = undo(b, bid, from, price).get(price);
        BigDecimal start = atFrom != null ? atFrom.size() : (bid ? b.bids : b.asks).get(price);
        if (same(start, size)) {
            return true;
        }
        for (int i = 0; i < b.changes.size(); i++) {
            if (!b.changes.on(i, bid, price)) {
                continue;
            }
            SocketBook.Change c = b.changes.get(i);
            if (c.bid() == bid && c.price().compareTo(price) == 0 && c.time().isAfter(from) && !c.time().isAfter(to)
                    && same(c.after(), size)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
