package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The book check compares REST's book with the socket's as it stood at REST's time: {@link SocketBook#topAt} must
 * be exactly the book replayed from its snapshot through every change up to that moment, best first, whatever the
 * depth, with levels removed and re-added, prices written with more or fewer zeros ("15.5" and "15.50" are one level)
 * and changes landing on either side of the levels the book itself still holds.
 */
class BookRewindTest {

    private static final Instant T0 = Instant.parse("2026-12-06T17:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theRewoundTopIsTheBookReplayedUpToThatMoment(long seed) {
        // seeds 7 and 8: one price 3 s before the end has more digits than a long holds, so from then on the side
        // it lands on is kept in decimals, and so is the rewind across it (the other side stays in longs)
        int unfitAt = seed > 6 ? 6_000 : -1;
        Random r = new Random(seed);
        SocketBook book = new SocketBook();
        List<Instant> times = new ArrayList<>();
        List<Event.L2Update> all = new ArrayList<>();
        List<Event.L2Update> snapshot = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            snapshot.add(new Event.L2Update(Event.Side.BID, T0, price(1500 - 2 * i, r), size(r)));
            snapshot.add(new Event.L2Update(Event.Side.OFFER, T0, price(1500 + 2 * i, r), size(r)));
        }
        book.fold(new Event.L2("snapshot", "DOGE-USD", snapshot), T0);
        Instant t = T0;
        for (int n = 0; n < 8_000; n++) { // 4 s at the least: every moment rewound to is after the snapshot
            t = t.plusNanos(500_000 + r.nextInt(1_000_000));
            List<Event.L2Update> updates = new ArrayList<>();
            for (int k = 1 + r.nextInt(4); k > 0; k--) {
                boolean bid = r.nextBoolean();
                int tick = bid ? 1499 - r.nextInt(40) : 1501 + r.nextInt(40); // inside, among and past the snapshot's
                BigDecimal price = n == unfitAt ? price(tick, r).setScale(20) : price(tick, r);
                updates.add(new Event.L2Update(bid ? Event.Side.BID : Event.Side.OFFER, t, price,
                        r.nextInt(3) == 0 ? BigDecimal.ZERO : size(r)));
            }
            book.fold(new Event.L2("update", "DOGE-USD", updates), t);
            all.addAll(updates);
            times.add(t);
        }
        for (int back = 0; back < 4_000; back += 37) { // within the kept changes (SocketBook.KEEP is 5 s)
            Instant at = t.minusMillis(back);
            for (boolean bid : new boolean[] {true, false}) {
                for (int depth : new int[] {1, 5, 10, 60}) {
                    List<SocketBook.Level> got = book.topAt("DOGE-USD", bid, depth, at);
                    assertNotNull(got, "rewindable to " + at);
                    List<BigDecimal[]> want = replayed(snapshot, all, bid, depth, at);
                    String where = (bid ? "bids" : "asks") + " top " + depth + " at " + at;
                    assertEquals(want.size(), got.size(), where);
                    for (int i = 0; i < want.size(); i++) {
                        assertEquals(0, want.get(i)[0].compareTo(got.get(i).price()), where + " level " + i);
                        assertEquals(0, want.get(i)[1].compareTo(got.get(i).size()), where + " level " + i);
                    }
                }
            }
        }
    }

    /** The oracle: the side rebuilt from the snapshot through every change at or before {@code at}, best first. */
    private static List<BigDecimal[]> replayed(List<Event.L2Update> snapshot, List<Event.L2Update> changes,
                                               boolean bid, int depth, Instant at) {
        TreeMap<BigDecimal, BigDecimal> side = new TreeMap<>();
        Event.Side which = bid ? Event.Side.BID : Event.Side.OFFER;
        for (Event.L2Update u : snapshot) {
            if (u.side() == which) {
                side.put(u.priceLevel(), u.newQuantity());
            }
        }
        for (Event.L2Update u : changes) {
            if (u.side() != which || u.eventTime().isAfter(at)) {
                continue;
            }
            if (u.newQuantity().signum() == 0) {
                side.remove(u.priceLevel());
            } else {
                side.put(u.priceLevel(), u.newQuantity());
            }
        }
        List<BigDecimal[]> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : (bid ? side.descendingMap() : side).entrySet()) {
            if (out.size() == depth) {
                break;
            }
            out.add(new BigDecimal[] {e.getKey(), e.getValue()});
        }
        return out;
    }

    /** A price in cents, now and then written with a trailing zero: the same level either way. */
    private static BigDecimal price(int cents, Random r) {
        BigDecimal p = BigDecimal.valueOf(cents, 2);
        return r.nextInt(5) == 0 ? p.setScale(3) : p;
    }

    private static BigDecimal size(Random r) {
        return BigDecimal.valueOf(1 + r.nextInt(100_000_000), 8);
    }
}
