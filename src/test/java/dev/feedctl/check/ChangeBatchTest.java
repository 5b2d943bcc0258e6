package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The book check holds level2 changes in a {@link ChangeBatch} and folds them in batches, folding anything it does
 * not hold as it came: the books, their rewinds and what they name must be exactly those of folding every event as it
 * came, whatever the mix (snapshots, bad sizes, placeholder times, prices that do not pack, a full batch).
 */
class ChangeBatchTest {

    private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void batchedFoldsMakeTheSameBooksAsFoldingEachEvent(long seed) {
        List<Event.L2> events = feed(new Random(seed));
        int[] ways = assertSameBooks(events);
        assertTrue(ways[0] > events.size() / 2, "most events were held: " + ways[0] + " of " + events.size());
    }

    @Test
    void aFullBatchIsFoldedBeforeMoreIsHeldAndAnEventLargerThanABatchIsFoldedAsItCame() {
        Random r = new Random(22);
        List<Event.L2> events = new ArrayList<>(feed(r).subList(0, 2)); // the two products' snapshots
        int perEvent = 1_000;
        int fitting = ChangeBatch.CAPACITY / (1 + 3 * perEvent); // events of 1,000 changes a batch holds
        Instant t = T0;
        for (int n = 0; n < 3 * fitting; n++) {
            t = t.plusMillis(1);
            events.add(update(r, n % 3 == 0 ? "BTC-USD" : "DOGE-USD", t, perEvent));
        }
        events.add(update(r, "DOGE-USD", t.plusMillis(1), ChangeBatch.CAPACITY / 3 + 1)); // more than a batch holds
        events.add(update(r, "DOGE-USD", t.plusMillis(2), 5));
        int[] ways = assertSameBooks(events);
        assertEquals(3 * fitting + 1, ways[0] + ways[1], "every update that fits is held");
        assertEquals(2, ways[1], "a full batch was folded before more was held, twice");
        assertEquals(3, ways[2], "the two snapshots and the event larger than a batch were folded as they came");
    }

    /**
     * Folds the events both ways, one by one and batched as the book check does, and asserts the same books, rewinds
     * and findings: {held at once, held after folding a full batch, folded as they came}.
     */
    private static int[] assertSameBooks(List<Event.L2> events) {
        SocketBook direct = new SocketBook();
        SocketBook batched = new SocketBook();
        ChangeBatch batch = new ChangeBatch();
        int[] ways = new int[3];
        for (Event.L2 e : events) {
            direct.fold(e, T0);
            if (batch.offer(e)) {
                ways[0]++;
            } else {
                batch.foldInto(batched);
                if (batch.offer(e)) {
                    ways[1]++;
                } else {
                    batched.fold(e, T0);
                    ways[2]++;
                }
            }
        }
        batch.foldInto(batched);
        assertEquals(direct.crossed, batched.crossed);
        assertEquals(direct.firstCrossed, batched.firstCrossed);
        assertEquals(direct.badSizes, batched.badSizes);
        assertEquals(direct.firstBadSize, batched.firstBadSize);
        for (String product : List.of("DOGE-USD", "BTC-USD")) {
            Instant latest = direct.book(product).latest();
            assertEquals(latest, batched.book(product).latest());
            assertEquals(direct.book(product).rewindsTo(), batched.book(product).rewindsTo());
            for (int back = 0; back <= 4_000; back += 250) { // rewound into the kept changes too
                Instant at = latest.minusMillis(back);
                for (boolean bid : new boolean[] {true, false}) {
                    assertEquals(direct.topAt(product, bid, 10, at), batched.topAt(product, bid, 10, at),
                            product + (bid ? " bids" : " asks") + " at " + at);
                }
            }
        }
        return ways;
    }

    /** An update of {@code changes} changes near the touch, a quarter of them removals. */
    private static Event.L2 update(Random r, String product, Instant time, int changes) {
        List<Event.L2Update> updates = new ArrayList<>();
        for (int k = 0; k < changes; k++) {
            boolean bid = r.nextBoolean();
            int tick = bid ? 1500 - 1 - r.nextInt(25) : 1500 + 1 + r.nextInt(25);
            updates.add(new Event.L2Update(bid ? Event.Side.BID : Event.Side.OFFER, time, price(tick),
                    r.nextInt(4) == 0 ? BigDecimal.ZERO : size(r)));
        }
        return new Event.L2("update", product, updates);
    }

    @ParameterizedTest
    @ValueSource(strings = {"snapshot", "bad size", "1970 time", "unpacked price"})
    void whatIsNotTheCommonCaseIsNotHeld(String kind) {
        BigDecimal price = kind.equals("unpacked price") ? new BigDecimal("1.00000000000000000001")
                : new BigDecimal("15.59");
        BigDecimal size = kind.equals("bad size") ? new BigDecimal("-1") : new BigDecimal("2.5");
        Instant time = kind.equals("1970 time") ? Instant.EPOCH : T0;
        Event.L2 e = new Event.L2(kind.equals("snapshot") ? "snapshot" : "update", "DOGE-USD",
                List.of(new Event.L2Update(Event.Side.BID, time, price, size)));
        assertFalse(new ChangeBatch().offer(e));
    }

    /** Two products' snapshots, then thousands of small updates, with the odd event no batch may hold among them. */
    private static List<Event.L2> feed(Random r) {
        List<Event.L2> out = new ArrayList<>();
        for (String product : List.of("DOGE-USD", "BTC-USD")) {
            List<Event.L2Update> levels = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                levels.add(new Event.L2Update(Event.Side.BID, Instant.EPOCH, price(1500 - i), size(r)));
                levels.add(new Event.L2Update(Event.Side.OFFER, Instant.EPOCH, price(1500 + i), size(r)));
            }
            out.add(new Event.L2("snapshot", product, levels));
        }
        Instant t = T0;
        for (int n = 0; n < 6_000; n++) {
            t = t.plusNanos(1_000_000 + r.nextInt(2_000_000));
            List<Event.L2Update> updates = new ArrayList<>();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                boolean bid = r.nextBoolean();
                int tick = bid ? 1500 - 1 - r.nextInt(25) : 1500 + 1 + r.nextInt(25);
                BigDecimal size = r.nextInt(4) == 0 ? BigDecimal.ZERO : size(r);
                Instant time = t;
                int odd = r.nextInt(400);
                if (odd == 0) {
                    size = new BigDecimal("-0.5"); // named as a bad size
                } else if (odd == 1) {
                    time = Instant.EPOCH; // the docs' placeholder: the book's latest time stands for it
                } else if (odd == 2) {
                    size = new BigDecimal("1.000000000000000000001"); // does not pack: kept as decimals
                }
                updates.add(new Event.L2Update(bid ? Event.Side.BID : Event.Side.OFFER, time, price(tick), size));
            }
            out.add(new Event.L2("update", r.nextInt(3) == 0 ? "BTC-USD" : "DOGE-USD", updates));
            if (r.nextInt(2_500) == 0) {
                out.add(new Event.L2("snapshot", "DOGE-USD", List.of(new Event.L2Update(Event.Side.BID,
                        Instant.EPOCH, price(1490), size(r)), new Event.L2Update(Event.Side.OFFER, Instant.EPOCH,
                        price(1510), size(r)))));
            }
        }
        return out;
    }

    private static BigDecimal price(int cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    private static BigDecimal size(Random r) {
        return BigDecimal.valueOf(1 + r.nextInt(100_000_000), 8);
    }
}
