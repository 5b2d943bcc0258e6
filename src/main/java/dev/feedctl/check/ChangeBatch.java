package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.ProductIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Level2 changes packed into one array as their frame is judged, and folded into the books in batches. Measured on
 * the judging thread's CPU clock in a live verify (3,000 level2 frames a second, ~5 changes each): folded between two
 * decodes, a frame cost 1.8 us, the book's code and arrays cold; folded 50 ms later in a batch, 1.5 us, the frame's
 * objects cold by then; the same frames folded again at once, 0.7 us. Packing reads the objects while they are hot,
 * and the batch then reads three longs a change, in order.
 * <p>
 * Only the common case is packed: an update event (not a snapshot) whose every change has a side, a real event time
 * that fits, and a price and a non-negative size the decoder {@link Event.L2Update#packedPrice packed} as it read
 * them. For anything else {@link #offer} holds nothing and says no; the caller folds what is held first, then that
 * event as it came, so the books see every change in order.
 */
final class ChangeBatch {

    /** Packed prices stay below 2^61: this bit says the change is on the bid side. */
    static final long BID = 1L << 62;
    /**
     * 512 KiB of changes (about 1.4 s of verify's 15,000 changes a second in scripts/bench): then they are folded
     * whatever the REST side asks; else when REST's next book is judged, every few seconds. Folded in batches this
     * long, the book's code and arrays stay hot through thousands of changes. Side by side with the build before
     * (60 KiB batches; eight pairs of 15 s verifies, the trades ring's chunks and the one-step sweep in both): the
     * judging thread -12.1 ms a 10 s window, the young collections -4.0 ms (1.5 MiB batches, once: -8.2 and -3.5 ms,
     * no better); the ring's chunks and the sweep alone had saved 3 ms of collections and nothing on the judging
     * thread.
     */
    static final int CAPACITY = 65_536;

    private final long[] packed = new long[CAPACITY];
    private int size;
    /** The products of held events, by the index in their header, and the index of each. */
    private final List<String> products = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private String lastRaw;
    private int lastIndex;
    /** The latest change's time, and it in epoch nanos (-1: no real time, or one that does not fit). */
    private Instant lastTime;
    private long lastNanos = -1;

    /**
     * Packs an event's changes: a header (product index, count) and three longs a change. False, holding nothing of
     * it, when it is not the common case (or when there is no room: fold what is held, then offer it again).
     */
    boolean offer(Event.L2 l2) {
        List<Event.L2Update> updates = l2.updates();
        int n = updates.size();
        if (l2.productId() == null || "snapshot".equals(l2.type()) || size + 1 + 3 * n > CAPACITY) {
            return false;
        }
        int start = size;
        packed[size++] = (long) product(l2.productId()) << 32 | n;
        for (int i = 0; i < n; i++) {
            Event.L2Update u = updates.get(i);
            Instant t = u.eventTime();
            if (t != lastTime) { // an event's changes share one instant: the decoder reuses it for the same text
                lastTime = t;
                lastNanos = t == null || t.getEpochSecond() < SocketBook.REAL_TIMES || !FlatValues.fits(t) ? -1
                        : FlatValues.nanos(t);
            }
            if (u.side() == null || lastNanos < 0) {
                size = start;
                return false;
            }
            long price = u.packedPrice(); // packed by the decoder as it read the digits
            long quantity = u.packedQuantity();
            if (price < 0 || quantity < 0) { // none, or not packed: a negative size does not pack either, fold names it
                size = start;
                return false;
            }
            packed[size++] = lastNanos;
            packed[size++] = u.side() == Event.Side.BID ? price | BID : price;
            packed[size++] = quantity;
        }
        return true;
    }

    private int product(String raw) {
        if (!raw.equals(lastRaw)) {
            lastRaw = raw;
            lastIndex = indexOf.computeIfAbsent(ProductIds.canonical(raw), canonical -> {
                products.add(canonical.intern()); // the books' key is interned too: looked up by identity
                return products.size() - 1;
            });
        }
        return lastIndex;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Folds every held event into {@code book}, in the order they came, and holds nothing after. In runs of
     * {@link #RUN} events: a batch is folded a few times a second, a loop entered that rarely ran interpreted for
     * ~20 s (see {@code Verifier.turn}), a method called for every run compiles within seconds.
     */
    void foldInto(SocketBook book) {
        for (int at = 0; at < size; ) {
            at = foldRun(book, at);
        }
        size = 0;
    }

    private static final int RUN = 32;

    /** Folds up to {@link #RUN} held events from {@code at}; returns where the next one starts. */
    private int foldRun(SocketBook book, int at) {
        for (int n = 0; n < RUN && at < size; n++) {
            int changes = (int) packed[at];
            book.fold(products.get((int) (packed[at] >>> 32)), packed, at + 1, changes);
            at += 1 + 3 * changes;
        }
        return at;
    }
}
