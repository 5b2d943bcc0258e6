package dev.feedctl.check;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;

/**
 * One product's kept trades in arrival order, in primitive arrays (id, epoch nanos, price and size
 * {@link FlatValues#pack packed}, side as a code) with an {@link IdIndex} over them: the window outlives many young
 * collections, and arrays of longs are not traced, where a map of records, strings, decimals and instants was copied
 * at each one. The arrays come in chunks of {@link #CHUNK} trades: the window grows by more chunks and never copies
 * what it holds, so the young collector copies a trade on its way to the old generation and not again after each
 * doubling of one set of arrays (verify's young collections: -3 ms a 10 s window at 3,000 trades a second).
 * Holds only trades {@link #offer} accepts; the tape keeps the others as objects.
 */
final class TradeRing {

    private static final String[] SIDES = {null, "BUY", "SELL"};
    private static final int CHUNK_BITS = 10;
    /** Trades a chunk: 1,024, about 33 KiB, the first size of the window when it was one set of arrays. */
    static final int CHUNK = 1 << CHUNK_BITS;
    private static final int IN_CHUNK = CHUNK - 1;

    /** {@link #CHUNK} trades' figures, at their position modulo the chunk. */
    private static final class Chunk {
        final long[] ids = new long[CHUNK];
        final long[] times = new long[CHUNK];
        final long[] prices = new long[CHUNK];
        final long[] sizes = new long[CHUNK];
        final byte[] sides = new byte[CHUNK];
    }

    /**
     * A position's trade is in the chunk at {@code (position >>> CHUNK_BITS) & (chunks.length - 1)}, made when first
     * written to; the capacity, {@code chunks.length * CHUNK}, divides 2^31, so positions that wrap still agree.
     */
    private Chunk[] chunks = new Chunk[1];
    /**
     * The oldest kept trade's position: every trade kept gets the next position. The index maps ids to positions,
     * not slots, so growing moves no index entry.
     */
    private int first;
    private int count;
    private final IdIndex index = new IdIndex();

    TradeRing() {
        this(0);
    }

    /** A ring whose first trade takes {@code firstPosition} (tests start one near 2^31, where positions wrap). */
    TradeRing(int firstPosition) {
        this.first = firstPosition;
    }

    /** The code of a side in {@link #SIDES}; -1 for any other text. Written out, not a loop: once a trade, on C1. */
    private static int side(String s) {
        return s == null ? 0 : "BUY".equals(s) ? 1 : "SELL".equals(s) ? 2 : -1;
    }

    /** The chunk that holds a position (null when none was written there yet). */
    private Chunk chunk(int position) {
        return chunks[(position >>> CHUNK_BITS) & (chunks.length - 1)];
    }

    boolean contains(long id) {
        return index.get(id) >= 0;
    }

    /**
     * Keeps the trade when the flat arrays can hold it exactly ({@code id} is its {@link FlatValues#plainNumber});
     * false, keeping nothing, when they cannot.
     */
    boolean offer(long id, Event.Trade t) {
        long price = t.packedPrice(); // packed by the decoder as it read the digits
        long size = t.packedSize();
        int side = side(t.side());
        if (id < 0 || !FlatValues.fits(t.time()) || price == FlatValues.UNFIT || size == FlatValues.UNFIT || side < 0) {
            return false;
        }
        if (count == chunks.length * CHUNK) {
            grow();
        }
        int position = first + count;
        int at = (position >>> CHUNK_BITS) & (chunks.length - 1);
        Chunk c = chunks[at];
        if (c == null) {
            c = new Chunk();
            chunks[at] = c;
        }
        int slot = position & IN_CHUNK;
        c.ids[slot] = id;
        c.times[slot] = FlatValues.nanos(t.time());
        c.prices[slot] = price;
        c.sizes[slot] = size;
        c.sides[slot] = (byte) side;
        index.put(id, position & Integer.MAX_VALUE); // the index's answers are never negative
        count++;
        return true;
    }

    /**
     * Twice the room: each chunk's reference moves to where its positions sit in the larger table, and no trade is
     * copied, but for the one chunk a full ring can share between its newest and its oldest trades (when the oldest
     * is not at a chunk's start): its newest trades move to a chunk of their own.
     */
    private void grow() {
        int n = chunks.length;
        Chunk[] larger = new Chunk[n * 2];
        int firstChunk = first >>> CHUNK_BITS;
        // the ring is full: n chunks' worth of trades, over n + 1 chunk positions when the oldest is mid-chunk
        int chunksHeld = (first & IN_CHUNK) == 0 ? n : n + 1;
        for (int k = 0; k < chunksHeld; k++) {
            int chunkPosition = firstChunk + k;
            Chunk c = chunks[chunkPosition & (n - 1)];
            if (k == n) { // the newest trades, in the chunk the oldest began in
                Chunk own = new Chunk();
                int upTo = (first + count - 1) & IN_CHUNK;
                System.arraycopy(c.ids, 0, own.ids, 0, upTo + 1);
                System.arraycopy(c.times, 0, own.times, 0, upTo + 1);
                System.arraycopy(c.prices, 0, own.prices, 0, upTo + 1);
                System.arraycopy(c.sizes, 0, own.sizes, 0, upTo + 1);
                System.arraycopy(c.sides, 0, own.sides, 0, upTo + 1);
                c = own;
            }
            larger[chunkPosition & (2 * n - 1)] = c;
        }
        chunks = larger;
    }

    int size() {
        return count;
    }

    /** The oldest kept trade's time (epoch nanos); only when {@link #size} is not 0. */
    long oldestTime() {
        return chunk(first).times[first & IN_CHUNK];
    }

    /** Lets the oldest kept trade go; returns its time (epoch nanos). */
    long removeOldest() {
        Chunk c = chunk(first);
        int slot = first & IN_CHUNK;
        long t = c.times[slot];
        index.remove(c.ids[slot]);
        first++;
        count--;
        return t;
    }

    /**
     * Whether the trade with this id is kept and agrees with REST's record of it where both state a figure: each figure
     * compared packed as the ring holds its own, or as a decimal where REST's text does not pack.
     */
    boolean alike(long id, TradeAuditor.RestTrade r) {
        int position = index.get(id);
        if (position < 0) {
            return false;
        }
        Chunk c = chunk(position);
        int slot = position & IN_CHUNK;
        return agrees(c.prices[slot], r.packedPrice(), r.priceText()) && agrees(c.sizes[slot], r.packedSize(),
                r.sizeText()) && (r.side() == null || c.sides[slot] == 0 || r.side().equalsIgnoreCase(
                SIDES[c.sides[slot]]));
    }

    /** {@link FlatValues#NO_LEVEL} on either side: not stated, so not compared. */
    private static boolean agrees(long mine, long rest, String restText) {
        if (rest == FlatValues.NO_LEVEL || mine == FlatValues.NO_LEVEL || mine == rest) {
            return true;
        }
        if (rest != FlatValues.UNFIT) {
            return FlatValues.same(FlatValues.packedUnscaled(mine), FlatValues.packedScale(mine),
                    FlatValues.packedUnscaled(rest), FlatValues.packedScale(rest));
        }
        BigDecimal d = RestSampler.decimal(restText);
        return d == null || FlatValues.fits(d) && FlatValues.same(FlatValues.packedUnscaled(mine),
                FlatValues.packedScale(mine), FlatValues.unscaled(d), d.scale());
    }

    /** The kept trade with this id, rebuilt as the socket said it; null when it is not kept. */
    TradeTape.Kept find(long id) {
        int position = index.get(id);
        if (position < 0) {
            return null;
        }
        Chunk c = chunk(position);
        int slot = position & IN_CHUNK;
        return new TradeTape.Kept(Long.toString(id), FlatValues.unpack(c.prices[slot]),
                FlatValues.unpack(c.sizes[slot]), SIDES[c.sides[slot]],
                FlatValues.instant(c.times[slot]));
    }
}
