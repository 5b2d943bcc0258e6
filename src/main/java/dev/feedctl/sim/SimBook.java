package dev.feedctl.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One product's order book as the exchange holds it: {@link #DEPTH} levels a side around the quote. Every match
 * moves it and returns the changes, which the socket sends as level2 updates; REST's product_book reads the same
 * book, so the two sides agree by construction. Guarded by the market's lock.
 */
final class SimBook {

    static final int DEPTH = SimFrames.BOOK_LEVELS;

    /** One changed level; {@code size} 0 removes it. */
    record Level(boolean bid, long cents, long size) {
    }

    private final TreeMap<Long, Long> bids = new TreeMap<>();
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    /** Set once the book stops moving (the book-drift fault): later matches leave it as it is. */
    boolean frozen;

    /** A fresh book around the quote, sizes a function of the price. */
    SimBook(long bidCents, long askCents) {
        for (int i = 0; i < DEPTH; i++) {
            if (bidCents - i >= 1) {
                bids.put(bidCents - i, SimFrames.bidSize(bidCents - i));
            }
            asks.put(askCents + i, SimFrames.askSize(askCents + i));
        }
    }

    /**
     * Moves the book to the new quote after a match: levels the move crossed or left too deep go, new ones come (their
     * sizes vary with the match, so a level added twice rarely has the same size), and the two top levels take the
     * match's size on top of what rests there.
     */
    List<Level> move(long bid, long ask, long tradeId, long tradeSize) {
        List<Level> out = new ArrayList<>();
        if (frozen) {
            Map.Entry<Long, Long> deep = bids.firstEntry(); // restated unchanged: the product stays fresh
            if (deep != null) {
                out.add(new Level(true, deep.getKey(), deep.getValue()));
            }
            return out;
        }
        remove(bids.tailMap(bid, false), true, out);
        remove(asks.headMap(ask, false), false, out);
        remove(bids.headMap(bid - DEPTH + 1, false), true, out);
        remove(asks.tailMap(ask + DEPTH - 1, false), false, out);
        long salt = Math.floorMod(tradeId, 997) * 11;
        for (int i = 0; i < DEPTH; i++) {
            if (bid - i >= 1 && !bids.containsKey(bid - i)) {
                set(true, bid - i, SimFrames.bidSize(bid - i) + salt, out);
            }
            if (!asks.containsKey(ask + i)) {
                set(false, ask + i, SimFrames.askSize(ask + i) + salt, out);
            }
        }
        if (bid >= 1) {
            set(true, bid, SimFrames.bidSize(bid) + tradeSize, out);
        }
        set(false, ask, SimFrames.askSize(ask) + tradeSize / 2, out);
        return out;
    }

    private static void remove(Map<Long, Long> range, boolean bid, List<Level> out) {
        for (Iterator<Long> it = range.keySet().iterator(); it.hasNext(); ) {
            out.add(new Level(bid, it.next(), 0));
            it.remove();
        }
    }

    private void set(boolean bid, long cents, long size, List<Level> out) {
        (bid ? bids : asks).put(cents, size);
        out.add(new Level(bid, cents, size));
    }

    /** The best {@code n} levels of a side, best first. */
    List<Level> top(boolean bid, int n) {
        List<Level> out = new ArrayList<>(Math.min(n, DEPTH));
        for (Map.Entry<Long, Long> e : (bid ? bids.descendingMap() : asks).entrySet()) {
            if (out.size() == n) {
                break;
            }
            out.add(new Level(bid, e.getKey(), e.getValue()));
        }
        return out;
    }
}
