package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.ProductIds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each level2 product's book as the socket built it, with the recent changes kept (the last {@link #KEEP}, at most
 * {@link #MAX_CHANGES} a product) so it can be rewound to the moment REST read its book. Also notes what is wrong on
 * its own: a crossed book, a size that is negative or not a number. The changes live in primitive arrays
 * ({@link ChangeRing}), so seconds of them cost young collections nothing. Used on the judging thread only.
 */
final class SocketBook {

    static final Duration KEEP = Duration.ofSeconds(5);
    private static final long KEEP_NANOS = KEEP.toNanos();
    static final int MAX_CHANGES = 50_000;
    /** Event times before this (2000-01-01, epoch seconds) are the docs' 1970 placeholder, not a moment. */
    static final long REAL_TIMES = 946_684_800L;
    /** {@link Book#latestNanos} when the latest time is none or does not {@link FlatValues#fits fit}. */
    private static final long NO_NANOS = Long.MIN_VALUE;

    /** One level change; a null size means the level was absent. */
    record Change(Instant time, boolean bid, BigDecimal price, BigDecimal before, BigDecimal after) {
    }

    /** A level at a moment; {@code size} null when the level was absent. */
    record Level(BigDecimal price, BigDecimal size) {
    }

    static final class Book {
        final BookSide bids = new BookSide(true);
        final BookSide asks = new BookSide(false);
        final ChangeRing changes = new ChangeRing();
        /** The book cannot be rewound to before this: its snapshot, or the newest change let go. */
        Instant knownFrom;
        /**
         * The latest event time applied as epoch nanos ({@link #NO_NANOS}: none, or it does not fit), and as an
         * instant, made only when asked for once a packed change moved it ({@link #latest()}).
         */
        private Instant latest;
        long latestNanos = NO_NANOS;

        Instant latest() {
            if (latest == null && latestNanos != NO_NANOS) {
                latest = FlatValues.instant(latestNanos);
            }
            return latest;
        }

        void latest(Instant time, long nanos) {
            latest = time;
            latestNanos = nanos;
        }
        /** Epoch nanos: the next sweep of the changes, and the newest change let go (the rewind's limit too). */
        long nextSweep = Long.MIN_VALUE;
        long forgotThrough = Long.MIN_VALUE;

        /** The book cannot be rewound to before this; null before its snapshot. */
        Instant rewindsTo() {
            if (knownFrom == null || forgotThrough == Long.MIN_VALUE) {
                return knownFrom;
            }
            Instant gone = FlatValues.instant(forgotThrough);
            return gone.isAfter(knownFrom) ? gone : knownFrom;
        }
        boolean crossed;
    }

    private final Map<String, Book> books = new HashMap<>();
    long crossed;
    String firstCrossed;
    long badSizes;
    String firstBadSize;

    /** @param frameTime the frame's timestamp: a snapshot whose levels carry the docs' 1970 time dates from it */
    void fold(Event.L2 l2, Instant frameTime) {
        if (l2.productId() == null) {
            return;
        }
        String product = ProductIds.canonical(l2.productId()); // per event: the common ones come packed, by index
        Book b = books.get(product);
        boolean snapshot = "snapshot".equals(l2.type());
        if (b == null || snapshot) {
            b = new Book();
            // interned: a map keeps its first key, and the packed changes ask with ChangeBatch's interned id, so
            // the lookup per event is an identity check, not a comparison of two copies of the same text
            books.put(product.intern(), b);
        }
        List<Event.L2Update> updates = l2.updates();
        for (int i = 0; i < updates.size(); i++) {
            Event.L2Update u = updates.get(i);
            if (u.side() == null || u.priceLevel() == null) {
                continue; // the schema check names it; there is no level to put it on
            }
            Instant time = u.eventTime() == null || u.eventTime().getEpochSecond() < REAL_TIMES ? (b.latest() != null
                    ? b.latest() : frameTime != null ? frameTime : Instant.EPOCH) : u.eventTime();
            if (u.newQuantity() == null || u.newQuantity().signum() < 0) {
                badSizes++;
                if (firstBadSize == null) {
                    firstBadSize = product + " " + side(u.side() == Event.Side.BID) + " " + u.priceLevel()
                            .toPlainString() + " at " + time + ": new_quantity " + (u.newQuantity() == null
                            ? "not a number" : u.newQuantity().toPlainString());
                }
                continue;
            }
            if (snapshot) {
                b.knownFrom = b.knownFrom == null || time.isAfter(b.knownFrom) ? time : b.knownFrom;
            }
            apply(b, u.side() == Event.Side.BID, u.priceLevel(), u.newQuantity(), time, snapshot);
        }
        if (!snapshot) {
            sweep(b); // once an event, after its changes (as the packed fold does)
        }
        if (snapshot) {
            b.knownFrom = b.knownFrom != null ? b.knownFrom : frameTime != null ? frameTime : Instant.EPOCH;
            b.latest(b.knownFrom, FlatValues.fits(b.knownFrom) ? FlatValues.nanos(b.knownFrom) : NO_NANOS);
        }
        checkCrossed(product, b);
    }

    private static void apply(Book b, boolean bid, BigDecimal price, BigDecimal size, Instant time, boolean snapshot) {
        BookSide side = bid ? b.bids : b.asks;
        long packedPrice = FlatValues.pack(price);
        long packedSize = FlatValues.pack(size);
        long before = side.set(price, packedPrice, size, packedSize);
        if (snapshot) {
            return;
        }
        long after = size.signum() == 0 ? FlatValues.NO_LEVEL : packedSize;
        long nanos = FlatValues.fits(time) ? FlatValues.nanos(time) : NO_NANOS;
        if (packedPrice >= 0 && before != FlatValues.UNFIT && after != FlatValues.UNFIT && nanos != NO_NANOS) {
            b.changes.add(nanos, bid, packedPrice, before, after);
        } else {
            b.changes.add(time, bid, price, side.before(before), size.signum() == 0 ? null : size);
        }
        // compared as nanos where both fit, as instants otherwise: the same order, without a call per change
        if (b.latest() == null || (nanos != NO_NANOS && b.latestNanos != NO_NANOS ? nanos > b.latestNanos
                : time.isAfter(b.latest()))) {
            b.latest(time, nanos);
        }
    }

    /**
     * The changes of one level2 update event, packed by {@link ChangeBatch} (epoch nanos, price with the side in
     * {@link ChangeBatch#BID}, size; each three longs from {@code at}): as {@link #fold} would apply them, without
     * a decimal or an instant made per change.
     */
    void fold(String product, long[] packed, int at, int changes) {
        Book b = books.get(product);
        if (b == null) {
            b = new Book();
            books.put(product, b);
        }
        long newest = Long.MIN_VALUE;
        for (int k = at, end = at + 3 * changes; k < end; k += 3) {
            long nanos = packed[k];
            long price = packed[k + 1];
            long size = packed[k + 2];
            boolean bid = (price & ChangeBatch.BID) != 0;
            price &= ~ChangeBatch.BID;
            BookSide side = bid ? b.bids : b.asks;
            long before = side.set(price, size);
            long after = size >>> 7 == 0 ? FlatValues.NO_LEVEL : size; // FlatValues.packedUnscaled, by hand: C1
            if (before != FlatValues.UNFIT) {
                b.changes.add(nanos, bid, price, before, after);
            } else {
                b.changes.add(FlatValues.instant(nanos), bid, FlatValues.unpack(price), side.before(before),
                        FlatValues.unpack(after));
            }
            newest = nanos > newest ? nanos : newest;
        }
        // the event's latest time and the sweep once an event, not once a change: the same as fold(L2) does
        if (changes > 0 && (b.latestNanos == NO_NANOS ? b.latest() == null || FlatValues.instant(newest).isAfter(
                b.latest()) : newest > b.latestNanos)) {
            b.latest(null, newest);
        }
        sweep(b);
        checkCrossed(product, b);
    }

    /**
     * Lets changes older than {@link #KEEP} go, every 100 ms of feed time, and whenever over {@link #MAX_CHANGES}:
     * after each event, so an event's own changes are all kept until it has been folded whole.
     */
    private static void sweep(Book b) {
        long latest = b.latestNanos;
        if (b.changes.size() <= MAX_CHANGES && latest <= b.nextSweep) {
            return; // swept every 100 ms of feed time, not on every change
        }
        b.nextSweep = latest == NO_NANOS ? NO_NANOS : latest + 100_000_000L;
        long horizon = latest == NO_NANOS ? NO_NANOS : latest - KEEP_NANOS;
        int n = b.changes.toForget(MAX_CHANGES, horizon);
        if (n > 0) {
            b.forgotThrough = Math.max(b.forgotThrough, b.changes.removeFirst(n));
        }
    }

    private void checkCrossed(String product, Book b) {
        boolean now = !b.bids.isEmpty() && !b.asks.isEmpty() && b.bids.crosses(b.asks);
        boolean entered = now && !b.crossed;
        b.crossed = now;
        if (entered) { // counted as it crosses: a book that stays crossed is one crossing
            crossed++;
            if (firstCrossed == null) {
                firstCrossed = product + " at " + b.latest() + ": best bid " + b.bids.best().toPlainString()
                        + " >= best ask " + b.asks.best().toPlainString();
            }
        }
    }

    static String side(boolean bid) {
        return bid ? "bid" : "offer";
    }

    Book book(String product) {
        return books.get(product);
    }

    /** The best {@code depth} levels of a side as they stood at {@code at}: {@link BookRewind#topAt}. */
    List<Level> topAt(String product, boolean bid, int depth, Instant at) {
        return BookRewind.topAt(books.get(product), bid, depth, at);
    }

    /** Whether the socket's level held {@code size} at some moment in [from, to]: {@link BookRewind#heldWithin}. */
    boolean heldWithin(String product, boolean bid, BigDecimal price, BigDecimal size, Instant from, Instant to) {
        return BookRewind.heldWithin(books.get(product), bid, price, size, from, to);
    }
}
