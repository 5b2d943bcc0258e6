package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
        long after = FlatValues.fits(at) ? FlatValues.nanos(at) : at.getEpochSecond() < 0 ? Long.MIN_VALUE
                : Long.MAX_VALUE;
        int from = b.changes.size();
        while (from > 0 && b.changes.time(from - 1) > after) {
            from--;
        }
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
