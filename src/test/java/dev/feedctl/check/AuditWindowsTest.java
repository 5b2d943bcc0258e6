package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.feedctl.protocol.Event;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the trades and book checks keep is a window, not the run: an hour of trades or level2 changes leaves at most
 * the last 90 s of trade ids and 10 s of book changes, and the checks say when REST asks about a moment let go.
 */
class AuditWindowsTest {

    private static final Instant T0 = Instant.parse("2026-04-07T14:30:00Z");

    private static Event.MarketTrades trades(long fromId, int n, Instant start, Duration step) {
        List<Event.Trade> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Event.Trade(Long.toString(fromId + i), "BTC-USD", BigDecimal.ONE, BigDecimal.ONE, "BUY",
                    start.plus(step.multipliedBy(i))));
        }
        return new Event.MarketTrades("update", out);
    }

    @Test
    void tradeIdsAreKeptForAWindowAndTheRestIsSaidForgotten() {
        TradeTape tape = new TradeTape();
        // an hour at 10 trades a second, fed a minute at a time
        for (int minute = 0; minute < 60; minute++) {
            tape.add(trades(minute * 600L, 600, T0.plusSeconds(60L * minute), Duration.ofMillis(100)));
        }
        assertEquals(36_000, tape.delivered("BTC-USD"));
        assertEquals(new TradeTape.Span(T0, T0.plusMillis(3_599_900)), tape.span("BTC-USD"));
        assertNotNull(tape.find("BTC-USD", "35999"));
        assertNull(tape.find("BTC-USD", "0"), "an hour-old id is let go");
        assertTrue(tape.forgotten("BTC-USD", T0.plusSeconds(60)));
        assertFalse(tape.forgotten("BTC-USD", T0.plusSeconds(3590)));
        long kept = java.util.stream.LongStream.range(0, 36_000).filter(i -> tape.find("BTC-USD", Long.toString(i))
                != null).count();
        assertTrue(kept <= (TradeTape.KEEP.toSeconds() + 1) * 10 + 1, kept + " ids kept (swept once a second)");
    }

    @Test
    void aTradeIdTwiceIsCountedOnce() {
        TradeTape tape = new TradeTape();
        tape.add(trades(1, 3, T0, Duration.ofMillis(10)));
        tape.add(trades(3, 2, T0.plusMillis(20), Duration.ofMillis(10)));
        assertEquals(1, tape.duplicates());
        assertEquals(List.of("BTC-USD 3"), tape.duplicateExamples());
    }

    private static Event.L2 l2(String type, Instant at, String side, String price, String size) {
        return new Event.L2(type, "BTC-USD", List.of(new Event.L2Update("bid".equals(side) ? Event.Side.BID
                : Event.Side.OFFER, at, new BigDecimal(price), new BigDecimal(size))));
    }

    @Test
    void theBookRewindsWithinItsWindowOnly() {
        SocketBook book = new SocketBook();
        book.fold(new Event.L2("snapshot", "BTC-USD", List.of(
                new Event.L2Update(Event.Side.BID, T0, new BigDecimal("100"), new BigDecimal("1")),
                new Event.L2Update(Event.Side.OFFER, T0, new BigDecimal("101"), new BigDecimal("1")))), T0);
        // an hour of size changes at 100, ten a second
        for (int i = 1; i <= 36_000; i++) {
            book.fold(l2("update", T0.plusMillis(100L * i), "bid", "100", Integer.toString(i)), null);
        }
        Instant end = T0.plusMillis(3_600_000);
        assertEquals(new BigDecimal("36000"), book.topAt("BTC-USD", true, 1, end).get(0).size());
        assertEquals(new BigDecimal("35990"), book.topAt("BTC-USD", true, 1, end.minusSeconds(1)).get(0).size());
        assertNull(book.topAt("BTC-USD", true, 1, end.minusSeconds(60)), "past the kept changes: not rewound");
        int changes = book.book("BTC-USD").changes.size();
        assertTrue(changes <= SocketBook.KEEP.toSeconds() * 10 + 2, changes + " changes kept (swept every 100 ms)");
        assertTrue(book.heldWithin("BTC-USD", true, new BigDecimal("100"), new BigDecimal("35995"),
                end.minusSeconds(1), end));
        assertFalse(book.heldWithin("BTC-USD", true, new BigDecimal("100"), new BigDecimal("7"),
                end.minusSeconds(1), end));
    }

    @Test
    void aBookThatStaysCrossedIsOneCrossing() {
        SocketBook book = new SocketBook();
        book.fold(l2("snapshot", T0, "bid", "100", "1"), T0);
        book.fold(l2("update", T0.plusMillis(1), "offer", "101", "1"), null);
        book.fold(l2("update", T0.plusMillis(2), "bid", "101.5", "1"), null);
        book.fold(l2("update", T0.plusMillis(3), "bid", "101.6", "1"), null);
        assertEquals(1, book.crossed);
        assertTrue(book.firstCrossed.contains("best bid 101.5 >= best ask 101"), book.firstCrossed);
    }

    @Test
    void changesPastTheBoundAreLetGoAfterTheEventThatBroughtThem() {
        SocketBook book = new SocketBook();
        book.fold(l2("snapshot", T0, "bid", "100", "1"), T0);
        // within one second of feed time (no sweep by age): events of 1,000 changes each, past MAX_CHANGES
        for (int e = 0; e < 60; e++) {
            List<Event.L2Update> updates = new java.util.ArrayList<>();
            for (int k = 0; k < 1_000; k++) {
                updates.add(new Event.L2Update(Event.Side.BID, T0.plusNanos(1_000L * (e * 1_000 + k + 1)),
                        BigDecimal.valueOf(90_000 + k, 3), BigDecimal.valueOf(e + 1)));
            }
            book.fold(new Event.L2("update", "BTC-USD", updates), null);
            int kept = book.book("BTC-USD").changes.size();
            assertTrue(kept <= SocketBook.MAX_CHANGES, "after event " + e + ": " + kept + " changes kept");
            assertEquals(Math.min(1_000 * (e + 1), SocketBook.MAX_CHANGES), kept, "after event " + e);
        }
        // the newest change of all is still there to be undone: 90.999 (under the snapshot's 100) as it stood before it
        Instant last = T0.plusNanos(1_000L * 60_000);
        assertEquals(new BigDecimal("60"), book.topAt("BTC-USD", true, 2, last).get(1).size());
        assertEquals(new BigDecimal("59"), book.topAt("BTC-USD", true, 2, last.minusNanos(1)).get(1).size());
    }
}
