package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
        Map<BigDecimal, SocketBook.Level> undone = undo(b, bid, at, null);
        List<SocketBook.Level> candidates = new ArrayList<>(undone.values());
        for (SocketBook.Level l : (bid ? b.bids : b.asks).best(depth + undone.size())) {
            if (!undone.containsKey(l.price())) {
                candidates.add(l);
            }
        }
        List<SocketBook.Level> held = new ArrayList<>(candidates.size());
        for (SocketBook.Level l : candidates) {
            if (l.size() != null) {
                held.add(l);
            }
        }
        held.sort(bid ? HIGHEST_FIRST : LOWEST_FIRST);
        return List.copyOf(held.subList(0, Math.min(depth, held.size())));
    }

    /**
     * Levels by price. Classes, not lambdas or {@code Comparator.comparing}: verify judges REST's first book mid-run,
     * and linking a lambda there cost more than the comparison (profiled).
     */
    private static final class LowestFirst implements Comparator<SocketBook.Level> {
        @Override
        public int compare(SocketBook.Level x, SocketBook.Level y) {
            return x.price().compareTo(y.price());
        }
    }

    private static final class HighestFirst implements Comparator<SocketBook.Level> {
        @Override
        public int compare(SocketBook.Level x, SocketBook.Level y) {
            return y.price().compareTo(x.price());
        }
    }

    private static final Comparator<SocketBook.Level> LOWEST_FIRST = new LowestFirst();
    private static final Comparator<SocketBook.Level> HIGHEST_FIRST = new HighestFirst();

    /** Per price of one side (or only {@code price}), its size at {@code at}: the changes after it undone. */
    private static Map<BigDecimal, SocketBook.Level> undo(SocketBook.Book b, boolean bid, Instant at, BigDecimal price) {
        Map<BigDecimal, SocketBook.Level> out = new TreeMap<>(); // compared, not equal: "100.10" and "100.1" are one level
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
